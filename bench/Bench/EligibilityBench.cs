using Google.Protobuf;
using Grpc.Core;
using Socialtjanst.Bench.V1;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Bench;

/// <summary>Eligibility's figure: the check RPC against echo in the same host.</summary>
public static class EligibilityBench
{
    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration)
    {
        var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        if (LoadApart.Wanted)
        {
            await LoadApart.RunAsync("eligibility", host.EligibilityAddress, host.Token("2514"), concurrency, duration);
        }
        else
        {
            await MeasureAsync(host.Invoker(host.EligibilityAddress, "2514"), concurrency, duration);
        }

        // Every answer of the run went to the decision log (written in batches beside the load).
        var log = host.EligibilityServices.GetRequiredService<Eligibility.Application.DecisionLog>();
        await log.FlushAsync(CancellationToken.None);
        Console.WriteLine($"decision log: {log.Written} answers written during the run; garbage collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms");
    }

    /// <summary>The check against the echo, called through the invoker (in the servers' process, or in the callers' own).</summary>
    public static async Task MeasureAsync(CallInvoker invoker, int concurrency, TimeSpan duration)
    {
        var echo = new EchoService.EchoServiceClient(invoker);
        var eligibility = new EligibilityService.EligibilityServiceClient(invoker);
        var check = Check();
        // The echo carries a payload of the check request's size; with BENCH_ECHO=answer it answers as many bytes as the check
        // (with BENCH_ECHO=check, the check's own answer first: CeilingAsync).
        var payload = new EchoRequest { Payload = ByteString.CopyFrom(new byte[check.CalculateSize()]) };
        if (Environment.GetEnvironmentVariable("BENCH_ECHO") == "answer")
        {
            payload.AnswerBytes = (await eligibility.CheckEligibilityAsync(check)).CalculateSize();
            Console.WriteLine($"the echo answers {payload.AnswerBytes} bytes, as the check does");
        }

        if (Environment.GetEnvironmentVariable("BENCH_ECHO") == "check")
        {
            await CeilingAsync(invoker, echo, payload, check, concurrency, duration);
        }

        if (Environment.GetEnvironmentVariable("BENCH_ANSWERS") == "bytes")
        {
            // Both answers taken as bytes, not read into messages: the servers' share alone (a portal reads its answers
            // on its own cores; here the load shares the servers' two).
            var (echoBytes, checkBytes) = (AsBytes(EchoService.Descriptor, "Echo", payload), AsBytes(EligibilityService.Descriptor, "CheckEligibility", check));
            await Versus.RunAsync("eligibility check, answers unread", async ct => await invoker.AsyncUnaryCall(echoBytes, null, new CallOptions(cancellationToken: ct), payload),
                async ct => await invoker.AsyncUnaryCall(checkBytes, null, new CallOptions(cancellationToken: ct), check), concurrency, duration);
        }
        else
        {
            await Versus.RunAsync("eligibility check", async ct => await echo.EchoAsync(payload, cancellationToken: ct),
                async ct => await eligibility.CheckEligibilityAsync(check, cancellationToken: ct), concurrency, duration);
        }
    }

    /// <summary>
    /// The most a check could reach against the echo with the answer it gives (BENCH_ECHO=check, callers in the servers'
    /// process): the echo answers the check's own answer, kept as bytes before the run, and its callers read it as the
    /// check's callers do (a <c>CheckEligibilityResponse</c>, its texts into strings). That echo reads no facts, decides
    /// nothing and keeps no record; whatever it costs beyond the plain echo, any service giving this answer pays.
    /// </summary>
    private static async Task CeilingAsync(CallInvoker invoker, EchoService.EchoServiceClient echo, EchoRequest payload, CheckEligibilityRequest check, int concurrency, TimeSpan duration)
    {
        if (LoadApart.Wanted)
        {
            throw new InvalidOperationException("BENCH_ECHO=check keeps the answer in the servers' process: run it without BENCH_LOAD=apart.");
        }

        var answer = await invoker.AsyncUnaryCall(AsBytes(EligibilityService.Descriptor, "CheckEligibility", check), null, default, check);
        EchoApi.KeepAnswer(answer);
        var echoed = new EchoRequest { Payload = payload.Payload, KeptAnswer = true };
        var asAnswer = new Method<EchoRequest, CheckEligibilityResponse>(MethodType.Unary, EchoService.Descriptor.FullName, "Echo", Contextual(EchoRequest.Parser),
            Marshallers.Create<CheckEligibilityResponse>((_, _) => throw new NotSupportedException(), c => CheckEligibilityResponse.Parser.ParseFrom(Unwrapped(c.PayloadAsReadOnlySequence()))));
        var read = await invoker.AsyncUnaryCall(asAnswer, null, default, echoed);
        if (!read.Equals(CheckEligibilityResponse.Parser.ParseFrom(answer)) || read.Conditions.Count == 0)
        {
            throw new InvalidOperationException("The echoed answer must read as the check's own.");
        }

        Console.WriteLine($"the echo answers the check's own answer ({answer.Length} bytes), read by its callers as the check's");
        await Versus.RunAsync("the check's answer, echoed", async ct => await echo.EchoAsync(payload, cancellationToken: ct),
            async ct => await invoker.AsyncUnaryCall(asAnswer, null, new CallOptions(cancellationToken: ct), echoed), concurrency, duration);
    }

    /// <summary>A message's marshaller as the generated code makes it (written into the call's buffer, read from its sequence).</summary>
    private static Marshaller<T> Contextual<T>(MessageParser<T> parser)
        where T : IMessage<T> => Marshallers.Create<T>(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));

    /// <summary>The payload of an encoded <c>EchoResponse</c> (field 1, length-delimited), without a copy.</summary>
    private static System.Buffers.ReadOnlySequence<byte> Unwrapped(System.Buffers.ReadOnlySequence<byte> response)
    {
        var reader = new System.Buffers.SequenceReader<byte>(response);
        if (!reader.TryRead(out var tag) || tag != 0x0A)
        {
            throw new InvalidDataException("An echo's answer without its payload.");
        }

        var (length, shift) = (0L, 0);
        while (reader.TryRead(out var b))
        {
            length |= (long)(b & 0x7F) << shift;
            shift += 7;
            if (b < 0x80)
            {
                break;
            }
        }

        return response.Slice(reader.Consumed, length);
    }

    /// <summary>A unary method of the contract whose answer is taken as the bytes that came.</summary>
    private static Method<TRequest, byte[]> AsBytes<TRequest>(Google.Protobuf.Reflection.ServiceDescriptor service, string name, TRequest _)
        where TRequest : class, IMessage<TRequest> =>
        new(MethodType.Unary, service.FullName, name, Marshallers.Create<TRequest>(r => r.ToByteArray(), _ => throw new NotSupportedException()), Marshallers.Create<byte[]>(b => b, b => b));

    /// <summary>The measured check: a child of 12 in Kalix, BRA-samtal, with consent and the attested fact.</summary>
    public static CheckEligibilityRequest Check() => new()
    {
        Intervention = Environment.GetEnvironmentVariable("BENCH_INSATS") ?? "municipalities/2514/interventions/bra-samtal",
        AsOf = new Date { Year = 2025, Month = 10, Day = 1 },
        Facts = new Facts
        {
            PersonalIdentityNumber = "20130315-1235",
            RegisteredMunicipalityCode = "2514",
            GuardianConsent = true,
            AttestedFacts = { "omsorgsperson-med-skadligt-bruk" },
        },
    };
}

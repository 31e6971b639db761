using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1Alpha;
using Status = Grpc.Core.Status;

namespace Socialtjanst.Security.Tests;

/// <summary>How a call ended.</summary>
public sealed record CallOutcome(Status Status, Metadata Trailers)
{
    public StatusCode Code => Status.StatusCode;

    /// <summary>The message and every detail of the rich status as text, to search for leaks.</summary>
    public string Everything()
    {
        var text = Status.Detail;
        var details = Trailers.GetValueBytes("grpc-status-details-bin");
        if (details is not null)
        {
            var rich = Google.Rpc.Status.Parser.ParseFrom(details);
            text += " " + rich;
            foreach (var any in rich.Details)
            {
                text += " " + any.Value.ToStringUtf8();
            }
        }

        return text;
    }
}

/// <summary>One RPC as the running server lists it through reflection, with the contract's descriptor.</summary>
public sealed record Rpc(string Service, string Address, MethodDescriptor Descriptor)
{
    public string FullName => $"/{Descriptor.Service.FullName}/{Descriptor.Name}";

    public override string ToString() => FullName;
}

/// <summary>
/// The public surface of the running suite, found through gRPC reflection on each service (not
/// from a list written here, so a new RPC is covered the day it is served), and raw calls that
/// send any bytes to any of them.
/// </summary>
public static class Surface
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Every RPC of every service, except the platform's health and reflection services.</summary>
    public static async Task<IReadOnlyList<Rpc>> DiscoverAsync(SuiteStack stack)
    {
        var known = ContractServices();
        var rpcs = new List<Rpc>();
        foreach (var service in SuiteStack.Names)
        {
            var client = new ServerReflection.ServerReflectionClient(stack.Channel(service));
            using var call = client.ServerReflectionInfo();
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            Assert.True(await call.ResponseStream.MoveNext());
            var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)
                .Where(n => !n.StartsWith("grpc.", StringComparison.Ordinal)).ToList();
            await call.RequestStream.CompleteAsync();
            Assert.NotEmpty(names);
            foreach (var name in names)
            {
                Assert.True(known.TryGetValue(name, out var descriptor), $"{service} serves {name}, which no contract in protos/ describes.");
                rpcs.AddRange(descriptor.Methods.Select(m => new Rpc(service, stack.Addresses[service], m)));
            }
        }

        return rpcs;
    }

    /// <summary>The generated service descriptors of every contract, by full name.</summary>
    public static Dictionary<string, ServiceDescriptor> ContractServices() =>
        typeof(Socialtjanst.Catalog.V1.CatalogService).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal) && t.GetProperty("Descriptor")?.PropertyType == typeof(FileDescriptor))
            .Select(t => (FileDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!)
            .SelectMany(f => f.Services)
            .ToDictionary(s => s.FullName, StringComparer.Ordinal);

    /// <summary>
    /// Calls the RPC with these request bytes and returns its status and trailers. A stream counts
    /// as let through once it is established and has sent a message or nothing for a moment (a watch
    /// resumed at the current revision sends nothing until a change).
    /// </summary>
    public static async Task<CallOutcome> CallAsync(CallInvoker invoker, Rpc rpc, byte[] request, TimeSpan deadline, CancellationToken ct = default)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow + deadline, cancellationToken: ct);
        try
        {
            if (rpc.Descriptor.IsServerStreaming)
            {
                var method = new Method<byte[], byte[]>(MethodType.ServerStreaming, rpc.Descriptor.Service.FullName, rpc.Descriptor.Name, Bytes, Bytes);
                using var call = invoker.AsyncServerStreamingCall(method, null, options, request);
                await call.ResponseHeadersAsync;
                using var moment = CancellationTokenSource.CreateLinkedTokenSource(ct);
                moment.CancelAfter(TimeSpan.FromMilliseconds(300));
                try
                {
                    await call.ResponseStream.MoveNext(moment.Token);
                }
                catch (RpcException) when (moment.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                }

                return new CallOutcome(Status.DefaultSuccess, []);
            }

            var unary = new Method<byte[], byte[]>(MethodType.Unary, rpc.Descriptor.Service.FullName, rpc.Descriptor.Name, Bytes, Bytes);
            using var unaryCall = invoker.AsyncUnaryCall(unary, null, options, request);
            await unaryCall.ResponseAsync;
            return new CallOutcome(Status.DefaultSuccess, []);
        }
        catch (RpcException ex)
        {
            return new CallOutcome(ex.Status, ex.Trailers);
        }
    }

    public static byte[] Empty(Rpc rpc) => rpc.Descriptor.InputType.Parser.ParseFrom(ByteString.Empty).ToByteArray();
}

using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// Every Date field of every RPC (found through reflection, nested ones too) and every quarter field,
/// sent at the extremes of their range and beyond, alone and all at once (from = to = 9999-12-31):
/// the answer is never INTERNAL or UNKNOWN. Dates carry years 1900–2199; outside, INVALID_ARGUMENT
/// names the field.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DateExtremesTests(StackFixture fixture)
{
    private static readonly HashSet<StatusCode> Answers =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.PermissionDenied,
        StatusCode.FailedPrecondition, StatusCode.AlreadyExists, StatusCode.Aborted, StatusCode.OutOfRange,
        StatusCode.ResourceExhausted, // the generated rest of a request may exceed the message size limit
    ];

    private static readonly Date[] Extremes =
    [
        new() { Year = 1, Month = 1, Day = 1 }, new() { Year = 1899, Month = 12, Day = 31 }, new() { Year = 1900, Month = 1, Day = 1 },
        new() { Year = 2199, Month = 12, Day = 31 }, new() { Year = 2200, Month = 1, Day = 1 }, new() { Year = 9999, Month = 12, Day = 31 },
        new() { Year = int.MaxValue, Month = 12, Day = 31 }, new() { Year = -1, Month = 1, Day = 1 }, new() { Year = 2025, Month = 13, Day = 1 },
        new() { Year = 2025, Month = 2, Day = 29 }, new() { Year = 2024, Month = 2, Day = 29 }, new() { Year = 2025, Month = 1, Day = 0 },
    ];

    private static readonly int[] Quarters = [99994, 21994, 22001, 20001, 19994, 20250, 20255, int.MaxValue, int.MinValue, -20253];

    [Fact]
    public async Task EveryDateAndQuarterField_AtItsExtremes_IsAnsweredNeverInternal()
    {
        var stack = fixture.Stack;
        var token = stack.Token("2514", "dates");
        var failures = new ConcurrentQueue<string>();
        var sent = 0;
        var fields = 0;
        await Parallel.ForEachAsync(fixture.Rpcs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (rpc, _) =>
        {
            var paths = DatePaths(rpc.Descriptor.InputType, []).ToList();
            var quarters = rpc.Descriptor.InputType.Fields.InDeclarationOrder().Where(f => f.Name == "quarter" && f.FieldType == FieldType.Int32).ToList();
            Interlocked.Add(ref fields, paths.Count + quarters.Count);
            if (paths.Count == 0 && quarters.Count == 0)
            {
                return;
            }

            var invoker = stack.Invoker(rpc.Service, token);
            var fuzzer = new Fuzzer(rpc.FullName.GetHashCode(StringComparison.Ordinal));
            var requests = new List<(string What, IMessage Request)>();
            foreach (var date in Extremes)
            {
                foreach (var path in paths)
                {
                    var request = Base(rpc, fuzzer);
                    Set(request, path, date);
                    requests.Add(($"{string.Join('.', path.Select(f => f.Name))}={date.Year}-{date.Month}-{date.Day}", request));
                }

                var all = Base(rpc, fuzzer);
                paths.ForEach(path => Set(all, path, date));
                requests.Add(($"every date={date.Year}-{date.Month}-{date.Day}", all));
            }

            foreach (var quarter in Quarters)
            {
                foreach (var field in quarters)
                {
                    var request = Base(rpc, fuzzer);
                    field.Accessor.SetValue(request, quarter);
                    requests.Add(($"quarter={quarter}", request));
                }
            }

            foreach (var (what, request) in requests)
            {
                var outcome = await Surface.CallAsync(invoker, rpc, request.ToByteArray(), TimeSpan.FromSeconds(15));
                Interlocked.Increment(ref sent);
                if (!Answers.Contains(outcome.Code))
                {
                    failures.Enqueue($"{rpc} {what}: {outcome.Code} {outcome.Status.Detail}");
                }
            }
        });

        Assert.True(fields >= 15, $"only {fields} date or quarter fields found");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent}:\n" + string.Join('\n', failures.Take(30)));
    }

    /// <summary>A plausible request for the caller's own kommun: names and parents under 2514, request ids set.</summary>
    private static IMessage Base(Rpc rpc, Fuzzer fuzzer)
    {
        var request = fuzzer.Generate(rpc.Descriptor.InputType);
        foreach (var field in rpc.Descriptor.InputType.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.String && !f.IsRepeated))
        {
            var value = field.Name switch
            {
                "parent" => "municipalities/2514",
                "intervention" or "name" when rpc.Descriptor.Service.Name.Contains("FollowUp", StringComparison.Ordinal) && field.Name == "name" => "municipalities/2514/decisions/none",
                "intervention" or "name" => "municipalities/2514/interventions/bra-samtal",
                "request_id" => Guid.NewGuid().ToString(),
                _ => null,
            };
            if (value is not null)
            {
                field.Accessor.SetValue(request, value);
            }
        }

        return request;
    }

    private static IEnumerable<FieldDescriptor[]> DatePaths(MessageDescriptor type, FieldDescriptor[] prefix)
    {
        if (prefix.Length > 3)
        {
            yield break;
        }

        foreach (var field in type.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message && !f.IsRepeated && !f.IsMap))
        {
            FieldDescriptor[] path = [.. prefix, field];
            if (field.MessageType.FullName == Date.Descriptor.FullName)
            {
                yield return path;
            }
            else if (field.MessageType.File.Package.StartsWith("socialtjanst.", StringComparison.Ordinal))
            {
                foreach (var inner in DatePaths(field.MessageType, path))
                {
                    yield return inner;
                }
            }
        }
    }

    private static void Set(IMessage request, FieldDescriptor[] path, Date date)
    {
        var message = request;
        foreach (var field in path[..^1])
        {
            if (field.Accessor.GetValue(message) is not IMessage inner)
            {
                inner = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
                field.Accessor.SetValue(message, inner);
            }

            message = inner;
        }

        path[^1].Accessor.SetValue(message, date.Clone());
    }
}

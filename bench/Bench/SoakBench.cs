using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Socialtjanst.Audit.V1;
using Socialtjanst.Bench.V1;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Bench;

/// <summary>
/// A bounded load and soak over loopback: a mixed workload on all four services (two kommuner;
/// checks, note reviews, catalog reads, decisions registered and read, audit reads) for minutes,
/// in windows. Per window: calls, errors, p99, managed heap after a full collection, working set.
/// Echo runs before and after, to tell a slower machine from a slower suite.
/// </summary>
public static class SoakBench
{
    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration, TimeSpan window)
    {
        var echo = new EchoService.EchoServiceClient(host.Invoker(host.EligibilityAddress, "2514"));
        var payload = new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) };
        await Load.RunAsync("warm-up", concurrency, TimeSpan.FromSeconds(10), async ct => await echo.EchoAsync(payload, cancellationToken: ct));
        var echoBefore = await Load.RunAsync("echo before", concurrency, TimeSpan.FromSeconds(10), async ct => await echo.EchoAsync(payload, cancellationToken: ct));

        var tenants = new[] { Tenant.For(host, "2514", "bra-samtal"), Tenant.For(host, "1489", "familjeradgivning") };
        await RegisterAsync(tenants[0], new Random(1)); // Kalix has the needs-assessed insats the mix registers against
        var counter = 0L;
        Func<CancellationToken, Task> mixed = async ct =>
        {
            var n = Interlocked.Increment(ref counter);
            var random = Random.Shared;
            var t = tenants[n % 2];
            switch (n % 20)
            {
                case < 8:
                    await t.Eligibility.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = t.Direct, AsOf = new Date { Year = 2025, Month = 10, Day = 1 }, Facts = new Facts { StatedAge = 16 + random.Next(60), RegisteredMunicipalityCode = t.Code } }, cancellationToken: ct);
                    break;
                case < 12:
                    await t.Documentation.ReviewRecordAsync(new ReviewRecordRequest { Intervention = t.Direct, AsOf = new Date { Year = 2025, Month = 10, Day = 1 }, Text = Note }, cancellationToken: ct);
                    break;
                case < 15:
                    await t.Catalog.GetInterventionAsync(new GetInterventionRequest { Name = t.Direct, AsOf = new Date { Year = 2025, Month = 10, Day = 1 } }, cancellationToken: ct);
                    break;
                case < 17:
                    await RegisterAsync(tenants[0], random);
                    break;
                case < 19:
                    var name = tenants[0].Decisions.TryPeek(out var d) ? d : null;
                    if (name is not null)
                    {
                        await tenants[0].FollowUp.GetDecisionAsync(new GetDecisionRequest { Name = name }, cancellationToken: ct);
                    }

                    break;
                default:
                    await t.Audit.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/" + t.Code, From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)), PageSize = 20 }, cancellationToken: ct);
                    break;
            }
        };

        Console.WriteLine("| window | calls | errors | req/s | p99 ms | heap MB (after GC) | working set MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var windows = new List<(LoadResult Load, double HeapMb, double WorkingSetMb)>();
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var result = await Load.RunAsync($"{windows.Count + 1}", concurrency, window, mixed);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var heap = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
            using var process = Process.GetCurrentProcess();
            var workingSet = process.WorkingSet64 / 1048576.0;
            windows.Add((result, heap, workingSet));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {result.Name} | {result.Calls} | {result.Errors} | {result.PerSecond:F0} | {result.P99Ms:F2} | {heap:F1} | {workingSet:F0} |"));
        }

        var echoAfter = await Load.RunAsync("echo after", concurrency, TimeSpan.FromSeconds(10), async ct => await echo.EchoAsync(payload, cancellationToken: ct));

        // The first window warms up (JIT, pools, caches); judge from the second on.
        var steady = windows.Skip(1).ToList();
        var firstHalf = steady.Take(steady.Count / 2).ToList();
        var secondHalf = steady.Skip(steady.Count / 2).ToList();
        var held = secondHalf.Average(w => w.Load.PerSecond) / firstHalf.Average(w => w.Load.PerSecond);
        var heapGrowth = secondHalf.Average(w => w.HeapMb) - firstHalf.Average(w => w.HeapMb);
        var calls = windows.Sum(w => w.Load.Calls);
        var errors = windows.Sum(w => w.Load.Errors);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            echo before {echoBefore.PerSecond:F0} req/s, after {echoAfter.PerSecond:F0} req/s (machine drift {echoAfter.PerSecond / echoBefore.PerSecond:P0})
            mixed load: {calls} calls in {windows.Count} windows of {window.TotalSeconds:F0} s, {errors} errors; {Interlocked.Read(ref registered)} decisions registered, each a durable commit
            throughput held: second half / first half = {held:P1} (mixed req/s / echo req/s: {steady.Average(w => w.Load.PerSecond) / ((echoBefore.PerSecond + echoAfter.PerSecond) / 2):P1})
            managed heap after full GC: first half {firstHalf.Average(w => w.HeapMb):F1} MB, second half {secondHalf.Average(w => w.HeapMb):F1} MB ({heapGrowth:+0.0;-0.0} MB)
            """));
    }

    private static long registered;

    private const string Note = "Samtal med klienten om veckan som gått. Klienten berättar att sömnen blivit bättre och att arbetet fungerar. Vi kom överens om att ses igen om två veckor.";

    private static async Task RegisterAsync(Tenant t, Random random)
    {
        var reply = await t.FollowUp.RegisterDecisionAsync(new RegisterDecisionRequest
        {
            Parent = "municipalities/" + t.Code,
            RequestId = Guid.NewGuid().ToString(),
            Decision = new FollowUp.V1.Decision
            {
                CaseReference = Socialtjanst.TestSupport.TestCaseReferences.Next("SOAK", random),
                Intervention = $"municipalities/{t.Code}/interventions/oppenvard-vuxna",
                DecisionDate = new Date { Year = 2025, Month = 9, Day = 1 + random.Next(28) },
            },
        });
        Interlocked.Increment(ref registered);
        t.Decisions.Push(reply.Decision.Name);
        if (t.Decisions.Count > 1000)
        {
            t.Decisions.Clear();
            t.Decisions.Push(reply.Decision.Name);
        }
    }

    private sealed record Tenant(
        string Code,
        string Direct,
        EligibilityService.EligibilityServiceClient Eligibility,
        DocumentationService.DocumentationServiceClient Documentation,
        CatalogService.CatalogServiceClient Catalog,
        FollowUpService.FollowUpServiceClient FollowUp,
        AuditService.AuditServiceClient Audit)
    {
        public System.Collections.Concurrent.ConcurrentStack<string> Decisions { get; } = new();

        public static Tenant For(BenchHost host, string code, string direct) => new(
            code,
            $"municipalities/{code}/interventions/{direct}",
            new EligibilityService.EligibilityServiceClient(host.Invoker(host.EligibilityAddress, code)),
            new DocumentationService.DocumentationServiceClient(host.Invoker(host.DocumentationAddress, code)),
            new CatalogService.CatalogServiceClient(host.Invoker(host.CatalogAddress, code)),
            new FollowUpService.FollowUpServiceClient(host.Invoker(host.FollowUpAddress, code)),
            new AuditService.AuditServiceClient(host.Invoker(host.FollowUpAddress, code)));
    }
}

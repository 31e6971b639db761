using System.Diagnostics;
using System.Globalization;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Bench;

/// <summary>
/// The what-if as the second outside attack used it (issue 30): kommun 9999 sends the largest draft the limits let
/// through (42 insatser reading 24 attested facts between them), again and again, while kommun 1489's portal checks
/// and kommun 2514 asks a small what-if of its own. Measured: 1489's checks alone and beside it (rate, p50, p99),
/// how long 2514's what-if waits for the place, and the process's managed heap and working set alone and at their
/// peak beside it.
/// </summary>
public static class WhatIfPressureBench
{
    private static readonly Date AsOf = new() { Year = 2025, Month = 10, Day = 1 };

    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration)
    {
        var portal = new EligibilityService.EligibilityServiceClient(host.Invoker(host.EligibilityAddress, "1489"));
        var check = new CheckEligibilityRequest
        {
            Intervention = "municipalities/1489/interventions/familjeradgivning",
            AsOf = AsOf,
            Facts = new Facts { StatedAge = 34, RegisteredMunicipalityCode = "1489" },
        };
        Task Check(CancellationToken ct) => portal.CheckEligibilityAsync(check, cancellationToken: ct).ResponseAsync;
        await Load.RunAsync("warm-up", concurrency, TimeSpan.FromSeconds(2), Check);
        var (heapAlone, setAlone) = Memory();
        var alone = await Load.RunAsync("1489 checks alone", concurrency, duration, Check);

        var attacker = new WhatIfService.WhatIfServiceClient(host.Invoker(host.EligibilityAddress, "9999"));
        var heavy = new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = AsOf };
        for (var i = 0; i < 42; i++)
        {
            heavy.Put.Add(ReadingFacts($"tung-{i}", 4, offset: i % 6 * 4));
        }

        using var stop = new CancellationTokenSource();
        var heavyCalls = 0;
        var pressure = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await attacker.EvaluateDraftAsync(heavy, cancellationToken: stop.Token);
                    heavyCalls++;
                }
                catch (Grpc.Core.RpcException)
                {
                    // refused while its own what-if runs (one place per kommun), or cancelled at the end
                }
            }
        });
        var (heapPeak, setPeak) = (heapAlone, setAlone);
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (heap, set) = Memory();
                (heapPeak, setPeak) = (Math.Max(heapPeak, heap), Math.Max(setPeak, set));
                await Task.Delay(50, CancellationToken.None);
            }
        });

        // Another kommun's small what-if, asked while the heavy ones run: it waits for the place, it is not refused.
        var neighbour = new WhatIfService.WhatIfServiceClient(host.Invoker(host.EligibilityAddress, "2514"));
        var small = new EvaluateDraftRequest { Parent = "municipalities/2514", AsOf = AsOf, Put = { (await new CatalogService.CatalogServiceClient(host.Invoker(host.CatalogAddress, "2514")).ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = AsOf, PageSize = 1 })).Interventions[0] } };
        await Task.Delay(500);
        var waits = new List<double>();
        var beside = Load.RunAsync("1489 checks beside 9999's largest what-ifs", concurrency, duration, Check);
        while (!beside.IsCompleted)
        {
            var asked = Stopwatch.GetTimestamp();
            await neighbour.EvaluateDraftAsync(small);
            waits.Add(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
        }

        var during = await beside;
        await stop.CancelAsync();
        await Task.WhenAll(pressure, sampling);
        waits.Sort();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1489's checks alone | {alone.PerSecond:F0}/s | p50 {alone.P50Ms:F2} ms | p99 {alone.P99Ms:F2} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| … beside 9999's largest what-ifs ({heavyCalls} done) | {during.PerSecond:F0}/s ({during.PerSecond / alone.PerSecond:P0}) | p50 {during.P50Ms:F2} ms | p99 {during.P99Ms:F2} ms ({during.P99Ms / alone.P99Ms:F2}×) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2514's small what-if meanwhile: {waits.Count} asked, none refused; median {waits[waits.Count / 2]:F0} ms, max {waits[^1]:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: managed heap {heapAlone / 1048576.0:F0} MB alone, peak {heapPeak / 1048576.0:F0} MB beside; working set {setAlone / 1048576.0:F0} MB alone, peak {setPeak / 1048576.0:F0} MB beside"));
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        using var self = Process.GetCurrentProcess();
        return (GC.GetGCMemoryInfo().HeapSizeBytes, self.WorkingSet64);
    }

    private static Intervention ReadingFacts(string id, int facts, int offset)
    {
        var all = new ConditionList();
        all.Conditions.Add(new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = 18 } });
        for (var f = 0; f < facts; f++)
        {
            all.Conditions.Add(new Condition { AttestedFact = new AttestedFact { Code = $"fakta-{offset + f}", Description = $"Uppgift {offset + f}" } });
        }

        return new Intervention
        {
            Name = $"municipalities/9999/interventions/{id}",
            DisplayName = "Samtal för vuxna",
            Access = Access.Direct,
            Kind = InterventionKind.Counselling,
            DocumentationBasis = DocumentationBasis.CounsellingExemption,
            FollowUpMode = FollowUpMode.ActivityLevel,
            ValidFrom = new Date { Year = 2025, Month = 7, Day = 1 },
            Conditions = new Condition { All = all },
        };
    }
}

using System.Diagnostics;
using System.Globalization;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Bench;

/// <summary>What-if over the full profile grid: a draft that puts back every insats of a kommun's catalog, over gRPC.</summary>
public static class WhatIfBench
{
    public static async Task RunAsync(BenchHost host, string code, int rounds)
    {
        var asOf = new Date { Year = 2025, Month = 10, Day = 1 };
        var catalog = new CatalogService.CatalogServiceClient(host.Invoker(host.CatalogAddress, code));
        var all = (await catalog.ListInterventionsAsync(new ListInterventionsRequest { Parent = $"municipalities/{code}", AsOf = asOf, PageSize = 200 })).Interventions;
        var request = new EvaluateDraftRequest { Parent = $"municipalities/{code}", AsOf = asOf, Put = { all } };
        var client = new WhatIfService.WhatIfServiceClient(host.Invoker(host.EligibilityAddress, code));
        var times = new List<double>();
        EvaluateDraftResponse? answer = null;
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            answer = await client.EvaluateDraftAsync(request);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"what-if, kommun {code}: {answer!.Profiles} profiles x {answer.Impacts.Count} insatser x 2 catalogs = {2L * answer.Profiles * answer.Impacts.Count} evaluations; " +
            $"min {times[0]:F0} ms, median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms over {rounds} calls (target <= 2000 ms)"));
    }
}

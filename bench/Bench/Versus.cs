using System.Globalization;

namespace Socialtjanst.Bench;

/// <summary>A call measured against the echo baseline in the same run: interleaved rounds, medians.</summary>
public static class Versus
{
    /// <summary>Rounds per figure: 5, or BENCH_ROUNDS (more narrows a noisy figure's median; the decision log's cost was measured with 15).</summary>
    public static int Rounds { get; } = int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 5;

    public static async Task<(double RateRatio, double P99Ratio)> RunAsync(
        string name, Func<CancellationToken, Task> echo, Func<CancellationToken, Task> call, int concurrency, TimeSpan duration)
    {
        for (var i = 0; i < 3; i++)
        {
            await Load.RunAsync("warm-up echo", concurrency, TimeSpan.FromSeconds(5), echo);
            await Load.RunAsync("warm-up " + name, concurrency, TimeSpan.FromSeconds(5), call);
        }

        // Interleaved, so drift in the machine's state falls on both alike; each round's ratio is
        // against the echo run just before it.
        var rounds = new List<LoadResult>();
        for (var i = 0; i < Rounds; i++)
        {
            rounds.Add(await Measured("echo", echo));
            rounds.Add(await Measured(name, call));
        }

        async Task<LoadResult> Measured(string run, Func<CancellationToken, Task> calls)
        {
            LoadApart.RoundBegins();
            var result = await Load.RunAsync(run, concurrency, duration, calls);
            LoadApart.RoundEnds(run, result.Calls);
            return result;
        }

        Console.WriteLine("| run | calls | errors | req/s | p50 ms | p99 ms | KB allocated per call | GC pause share | gen1/gen2 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rounds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Calls} | {r.Errors} | {r.PerSecond:F0} | {r.P50Ms:F3} | {r.P99Ms:F3} | {r.BytesPerCall / 1024:F2} | {r.GcPauseShare:P1} | {r.Gen1}/{r.Gen2} |"));
        }

        var pairs = rounds.Chunk(2).Select(p => (Rate: p[1].PerSecond / p[0].PerSecond, P99: p[1].P99Ms / p[0].P99Ms)).ToArray();
        var rateRatio = Median(pairs.Select(p => p.Rate));
        var p99Ratio = Median(pairs.Select(p => p.P99));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nper round, {name} / echo req/s: {string.Join(", ", pairs.Select(p => p.Rate.ToString("P0", CultureInfo.InvariantCulture)))}; p99: {string.Join(", ", pairs.Select(p => p.P99.ToString("F2", CultureInfo.InvariantCulture) + "x"))}"));
        var (echoes, calls) = (rounds.Where((_, i) => i % 2 == 0).ToArray(), rounds.Where((_, i) => i % 2 == 1).ToArray());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: {name} req/s = {rateRatio:P1} of echo's; p99 = {p99Ratio:F2}x echo's; allocated per call {Median(calls.Select(r => r.BytesPerCall)) / 1024:F2} KB against echo's {Median(echoes.Select(r => r.BytesPerCall)) / 1024:F2} KB; GC pause share {Median(calls.Select(r => r.GcPauseShare)):P1} against echo's {Median(echoes.Select(r => r.GcPauseShare)):P1}"));
        // Where the p99 falls: each collection pauses every call in flight (all of them, under this load), so the calls that
        // met a pause make the tail; the p95 is the tail without them (bench/README.md, "Where the p99 falls").
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"collections a round: {name} {Median(calls.Select(r => (double)r.Gen0)):F0}, {Median(calls.Select(r => r.PausePerCollection)):F2} ms each; echo's {Median(echoes.Select(r => (double)r.Gen0)):F0}, {Median(echoes.Select(r => r.PausePerCollection)):F2} ms each; p95 = {Median(pairs.Select((_, i) => calls[i].P95Ms / echoes[i].P95Ms)):F2}x echo's\n"));
        return (rateRatio, p99Ratio);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

using System.Globalization;

namespace Socialtjanst.Bench;

/// <summary>A call measured against the echo baseline in the same run: interleaved rounds, medians.</summary>
public static class Versus
{
    public static async Task<(double RateRatio, double P99Ratio)> RunAsync(
        string name, Func<CancellationToken, Task> echo, Func<CancellationToken, Task> call, int concurrency, TimeSpan duration)
    {
        for (var i = 0; i < 2; i++)
        {
            await Load.RunAsync("warm-up echo", concurrency, TimeSpan.FromSeconds(3), echo);
            await Load.RunAsync("warm-up " + name, concurrency, TimeSpan.FromSeconds(3), call);
        }

        // Interleaved, so drift in the machine's state falls on both alike.
        var rounds = new List<LoadResult>();
        for (var i = 0; i < 3; i++)
        {
            rounds.Add(await Load.RunAsync("echo", concurrency, duration, echo));
            rounds.Add(await Load.RunAsync(name, concurrency, duration, call));
        }

        Console.WriteLine("| run | calls | errors | req/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in rounds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Calls} | {r.Errors} | {r.PerSecond:F0} | {r.P50Ms:F3} | {r.P99Ms:F3} |"));
        }

        var echoRate = Median(rounds.Where(r => r.Name == "echo").Select(r => r.PerSecond));
        var rate = Median(rounds.Where(r => r.Name == name).Select(r => r.PerSecond));
        var echoP99 = Median(rounds.Where(r => r.Name == "echo").Select(r => r.P99Ms));
        var p99 = Median(rounds.Where(r => r.Name == name).Select(r => r.P99Ms));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nmedian of rounds: {name} {rate:F0} req/s = {rate / echoRate:P1} of echo {echoRate:F0} req/s; p99 {p99:F3} ms = {p99 / echoP99:F2}x echo's {echoP99:F3} ms\n"));
        return (rate / echoRate, p99 / echoP99);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

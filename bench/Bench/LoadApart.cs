using System.Diagnostics;
using System.Globalization;

namespace Socialtjanst.Bench;

/// <summary>
/// The load in a process of its own (BENCH_LOAD=apart): the bench starts itself again as the callers ("calls"), and the
/// servers' process pays only the servers' work. In one process the callers' allocation (reading each answer into a
/// message) fills the servers' heap, and every collection it brings pauses the servers too; a portal reads its answers
/// in its own process. The two processes still share the machine's cores. The callers run the workstation collector
/// (a client's own choice, not the servers'); the servers keep what the bench was started with.
/// </summary>
public static class LoadApart
{
    private const string Begin = "ROUND-BEGIN";
    private const string End = "ROUND-END ";

    /// <summary>True when the load is to run in a process of its own.</summary>
    public static bool Wanted => Environment.GetEnvironmentVariable("BENCH_LOAD") == "apart";

    /// <summary>True in the callers' process, where each round is told to the servers' process.</summary>
    public static bool IsCallers => Environment.GetEnvironmentVariable("BENCH_CALLERS") == "1";

    /// <summary>Said by the callers before a measured round (the servers' process takes its collector's counts).</summary>
    public static void RoundBegins()
    {
        if (IsCallers)
        {
            Console.WriteLine(Begin);
        }
    }

    /// <summary>Said by the callers after a measured round, with its name and its calls.</summary>
    public static void RoundEnds(string name, long calls)
    {
        if (IsCallers)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{End}{calls} {name}"));
        }
    }

    /// <summary>
    /// Runs a figure's calls in a process of its own against the address, with the token, and prints what the servers'
    /// process allocated and paused for in each of its rounds.
    /// </summary>
    public static async Task RunAsync(string figure, string address, string token, int concurrency, TimeSpan duration)
    {
        using var process = new Process { StartInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true } };
        foreach (var argument in new[] { typeof(LoadApart).Assembly.Location, "calls", figure, address, ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture) })
        {
            process.StartInfo.ArgumentList.Add(argument);
        }

        process.StartInfo.Environment["BENCH_CALLERS"] = "1";
        process.StartInfo.Environment["BENCH_TOKEN"] = token;
        if (Environment.GetEnvironmentVariable("BENCH_CALLERS_GC") != "same")
        {
            process.StartInfo.Environment["DOTNET_gcServer"] = "0";
            process.StartInfo.Environment.Remove("DOTNET_GCgen0size");
        }
        process.Start();

        var rounds = new List<LoadResult>();
        var (allocated, paused, gen0, started) = (0L, TimeSpan.Zero, 0, 0L);
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == Begin)
            {
                (allocated, paused, gen0, started) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), Stopwatch.GetTimestamp());
            }
            else if (line.StartsWith(End, StringComparison.Ordinal))
            {
                var parts = line[End.Length..].Split(' ', 2);
                rounds.Add(new LoadResult(parts[1], long.Parse(parts[0], CultureInfo.InvariantCulture), 0, Stopwatch.GetElapsedTime(started).TotalSeconds, double.NaN, double.NaN,
                    GC.GetTotalAllocatedBytes() - allocated, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds, Gen0: GC.CollectionCount(0) - gen0));
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the callers' process ended with {process.ExitCode}");
        }

        Print(rounds);
    }

    /// <summary>The callers' side: "calls [figure] [address] [seconds] [concurrency]", the token in BENCH_TOKEN.</summary>
    public static Task CallsAsync(string[] args)
    {
        var (figure, address) = (args[1], args[2]);
        var duration = TimeSpan.FromSeconds(int.Parse(args[3], CultureInfo.InvariantCulture));
        var concurrency = int.Parse(args[4], CultureInfo.InvariantCulture);
        var token = Environment.GetEnvironmentVariable("BENCH_TOKEN") ?? throw new InvalidOperationException("BENCH_TOKEN is not set");
        Console.WriteLine($"the callers in a process of their own ({Environment.ProcessId}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
        return figure switch
        {
            "eligibility" => EligibilityBench.MeasureAsync(BenchHost.TokenInvoker(address, token), concurrency, duration),
            "rest" => RestBench.MeasureAsync(address, token, concurrency, duration),
            _ => throw new ArgumentException($"no figure '{figure}' runs apart", nameof(args)),
        };
    }

    private static void Print(List<LoadResult> rounds)
    {
        Console.WriteLine("the servers' process, each measured round (the callers' allocation is not in it):\n");
        Console.WriteLine("| run | calls | KB allocated per call | collections | ms each | GC pause share |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in rounds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Calls} | {r.BytesPerCall / 1024:F2} | {r.Gen0} | {r.PausePerCollection:F2} | {r.GcPauseShare:P1} |"));
        }

        foreach (var name in rounds.Select(r => r.Name).Distinct())
        {
            var these = rounds.Where(r => r.Name == name).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"servers, {name}: allocated per call {Versus.Median(these.Select(r => r.BytesPerCall)) / 1024:F2} KB, collections a round {Versus.Median(these.Select(r => (double)r.Gen0)):F0}, {Versus.Median(these.Select(r => r.PausePerCollection)):F2} ms each"));
        }

        Console.WriteLine();
    }
}

using System.Diagnostics;

namespace Socialtjanst.Bench;

/// <summary>
/// What one load run measured, with what the process allocated and paused for garbage collection meanwhile (servers and
/// load generator share the process: per call it is both ends' allocation, compared against echo's in the same run).
/// </summary>
public sealed record LoadResult(string Name, long Calls, long Errors, double Seconds, double P50Ms, double P99Ms, long AllocatedBytes = 0, double GcPauseMs = 0, int Gen1 = 0, int Gen2 = 0, int Gen0 = 0, double P95Ms = double.NaN)
{
    public double PerSecond => Calls / Seconds;

    /// <summary>Bytes allocated per call, both ends together.</summary>
    public double BytesPerCall => Calls == 0 ? 0 : AllocatedBytes / (double)Calls;

    /// <summary>The share of the run's wall time the process spent paused for garbage collection.</summary>
    public double GcPauseShare => GcPauseMs / (Seconds * 1000);

    /// <summary>The mean pause of one collection during the run (ms).</summary>
    public double PausePerCollection => Gen0 == 0 ? 0 : GcPauseMs / Gen0;
}

/// <summary>Closed-loop load: a fixed number of workers, each calling again as soon as an answer comes.</summary>
public static class Load
{
    private static readonly AllocationSampler? Sampler = AllocationSampler.Wanted ? new AllocationSampler() : null;
    private static readonly bool Marks = Environment.GetEnvironmentVariable("BENCH_MARKS") == "1";

    public static async Task<LoadResult> RunAsync(string name, int concurrency, TimeSpan duration, Func<CancellationToken, Task> call)
    {
        using var stop = new CancellationTokenSource(duration);
        var (allocated, paused, gen0, gen1, gen2) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var started = Stopwatch.GetTimestamp();
        Sampler?.Start();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(1 << 16);
            long errors = 0;
            while (!stop.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await call(CancellationToken.None);
                    latencies.Add(Stopwatch.GetTimestamp() - t0);
                }
                catch (Grpc.Core.RpcException)
                {
                    errors++;
                }
            }

            return (latencies, errors);
        })).ToList();
        var results = await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        Sampler?.StopAndPrint(name, all.Length);
        if (Marks)
        {
            // The run's start and end on the monotonic clock (Stopwatch ticks are nanoseconds on Linux): with
            // `perf record -k CLOCK_MONOTONIC` they cut a profile into runs, so one call's cost can be set against another's.
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MARK {name}|{started}|{Stopwatch.GetTimestamp()}|{all.Length}"));
        }
        return new LoadResult(name, all.Length, results.Sum(r => r.errors), seconds, Percentile(all, 0.50), Percentile(all, 0.99),
            GC.GetTotalAllocatedBytes() - allocated, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            GC.CollectionCount(0) - gen0, Percentile(all, 0.95));
    }

    public static double Percentile(long[] sortedTicks, double p) =>
        sortedTicks.Length == 0 ? double.NaN : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(p * sortedTicks.Length))] * 1000.0 / Stopwatch.Frequency;
}

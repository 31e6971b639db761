using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Socialtjanst.Bench;

/// <summary>
/// What a load run allocates, by type: the runtime's allocation ticks (one event per ~100 KB allocated, naming the type
/// whose allocation crossed the mark), counted while a run lasts. On only with BENCH_ALLOCATIONS=1 (the listener itself
/// costs a little); then every run prints its most allocated types, as a share of the ticks.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const int AllocationTick = 10;
    private readonly ConcurrentDictionary<string, long> bytes = new(StringComparer.Ordinal);
    private volatile bool counting;

    public static bool Wanted { get; } = Environment.GetEnvironmentVariable("BENCH_ALLOCATIONS") == "1";

    public void Start()
    {
        bytes.Clear();
        counting = true;
    }

    public void StopAndPrint(string run, long calls, int top = 25)
    {
        counting = false;
        var total = bytes.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocation ticks of '{run}' by type (share of ~{total / 1024 / 1024} MiB sampled, bytes per call estimated):"));
        foreach (var (type, amount) in bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {amount * 100.0 / total,5:F1} %  {amount / (double)Math.Max(1, calls),8:F0} B  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!counting || eventData.EventId != AllocationTick || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = payload[names.IndexOf("TypeName")] as string ?? "?";
        var amount = names.IndexOf("AllocationAmount64") is >= 0 and var i ? Convert.ToInt64(payload[i], CultureInfo.InvariantCulture) : 100_000;
        bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}

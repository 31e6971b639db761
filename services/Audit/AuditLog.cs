using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Socialtjanst.Audit;

/// <summary>
/// Takes access events from calls and commits them in groups: a call's answer waits until its events
/// are committed (<see cref="AppendAsync"/> completes then), so a killed process loses no event of an
/// answered call, while concurrent calls share one commit (the writer takes everything queued while
/// the previous commit ran). A full queue makes calls wait rather than drop events. Expired events are
/// deleted on the retention schedule.
/// </summary>
public sealed partial class AuditLog(AuditStore store, AuditOptions options, TimeProvider clock, Data.JobLeases leases, ILogger<AuditLog> logger) : BackgroundService
{
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long written;

    /// <summary>Events written so far (for tests and the bench).</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Queues the events and completes when they are committed (in order: one writer, first in first out).</summary>
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < entries.Count; i++)
        {
            var pending = new Pending(entries[i], i == entries.Count - 1 ? committed : null);
            if (!queue.Writer.TryWrite(pending))
            {
                await queue.Writer.WriteAsync(pending, ct);
            }
        }

        await committed.Task.WaitAsync(ct);
    }

    /// <summary>An event and, for the last of a call's events, what its call waits on.</summary>
    private sealed record Pending(AuditEntry Entry, TaskCompletionSource? Committed);

    /// <summary>Waits until every event appended so far is written.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        while (queue.Reader.Count > 0 || Volatile.Read(ref inFlight) > 0)
        {
            await Task.Delay(10, ct);
        }
    }

    private int inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var purge = new Data.LeasedPurge(leases, clock, PurgeLease, options.PurgeInterval, options.RetentionDays, store.PurgeAsync,
            deleted => LogPurged(logger, deleted, options.RetentionDays), ex => LogPurgeFailed(logger, ex.GetType().Name)).RunAsync(stoppingToken);
        var batch = new List<Pending>(512);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: Kestrel has drained its calls; write what they left.
        queue.Writer.TryComplete();
        await DrainAsync(batch, CancellationToken.None);
        await purge;
    }

    private async Task DrainAsync(List<Pending> batch, CancellationToken ct)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            while (true)
            {
                batch.Clear();
                while (batch.Count < 500 && queue.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                if (batch.Count == 0)
                {
                    return;
                }

                await WriteWithRetryAsync(batch.ConvertAll(p => p.Entry), ct);
                Interlocked.Add(ref written, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Committed?.TrySetResult();
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task WriteWithRetryAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.AppendAsync(batch, ct);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never drop an event: keep trying; meanwhile the queue fills and audited calls wait.
                LogWriteFailed(logger, attempt, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 5000)), ct);
            }
        }
    }

    /// <summary>The lease of the purge: one replica of the fleet deletes expired events.</summary>
    public const string PurgeLease = "audit-purge";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired audit events failed ({ExceptionType}); trying again next round")]
    private static partial void LogPurgeFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing audit events failed (attempt {Attempt}, {ExceptionType})")]
    private static partial void LogWriteFailed(ILogger logger, int attempt, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit events older than {RetentionDays} days")]
    private static partial void LogPurged(ILogger logger, int count, int retentionDays);
}

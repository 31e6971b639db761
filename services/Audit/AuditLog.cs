using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Socialtjanst.Audit;

/// <summary>
/// Takes access events from calls and writes them in batches, so a read does not wait for a
/// commit of its own. A full queue makes calls wait rather than drop events. On shutdown the queue
/// is drained before the service stops; a killed process can lose at most one flush interval of
/// events (see SECURITY.md). Expired events are deleted on the retention schedule.
/// </summary>
public sealed partial class AuditLog(AuditStore store, AuditOptions options, TimeProvider clock, ILogger<AuditLog> logger) : BackgroundService
{
    private readonly Channel<AuditEntry> queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(options.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long written;

    /// <summary>Events written so far (for tests and the bench).</summary>
    public long Written => Interlocked.Read(ref written);

    public ValueTask AppendAsync(AuditEntry entry, CancellationToken ct) =>
        queue.Writer.TryWrite(entry) ? ValueTask.CompletedTask : queue.Writer.WriteAsync(entry, ct);

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
        var purge = PurgeLoopAsync(stoppingToken);
        var batch = new List<AuditEntry>(512);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch, CancellationToken.None);
                await Task.Delay(options.FlushInterval, clock, stoppingToken);
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

    private async Task DrainAsync(List<AuditEntry> batch, CancellationToken ct)
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

                await WriteWithRetryAsync(batch, ct);
                Interlocked.Add(ref written, batch.Count);
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

    private async Task PurgeLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PurgeInterval, clock);
        try
        {
            do
            {
                var deleted = await store.PurgeAsync(clock.GetUtcNow().AddDays(-options.RetentionDays), stoppingToken);
                if (deleted > 0)
                {
                    LogPurged(logger, deleted, options.RetentionDays);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing audit events failed (attempt {Attempt}, {ExceptionType})")]
    private static partial void LogWriteFailed(ILogger logger, int attempt, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit events older than {RetentionDays} days")]
    private static partial void LogPurged(ILogger logger, int count, int retentionDays);
}

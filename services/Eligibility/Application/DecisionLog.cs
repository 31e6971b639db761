using System.Threading.Channels;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// Keeps every answer: a check hands its answer to the queue and returns at once (it answers from memory,
/// never waiting on the database); one writer commits what is queued in batches every WriteInterval, retrying a failed batch
/// until it is written. On a graceful stop the queue is written out before the process ends; a process
/// killed outright loses what was queued (at most the last moments' answers), which is the price of not
/// making every check wait for a commit. One replica of the fleet deletes expired answers (a lease).
/// </summary>
public sealed partial class DecisionLog(DecisionLogStore store, DecisionLogOptions options, TimeProvider clock, JobLeases leases, ILogger<DecisionLog> logger) : Microsoft.Extensions.Hosting.BackgroundService
{
    /// <summary>The lease of the purge: one replica of the fleet deletes expired answers.</summary>
    public const string PurgeLease = "decision-log-purge";

    // Unbounded underneath (no lock on a check's path); the capacity is kept by a count, and a check waits for room only when it is reached.
    private readonly Channel<PendingAnswer> queue = Channel.CreateUnbounded<PendingAnswer>(new UnboundedChannelOptions { SingleReader = true });
    private int queued;

    private long written;

    /// <summary>Answers written so far (tests and the bench).</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>How full the queue is, 0-1 (readiness).</summary>
    public double Fill => (double)Volatile.Read(ref queued) / options.QueueCapacity;

    /// <summary>Queues an answer, encoded; completes at once unless the queue is full.</summary>
    public ValueTask AppendAsync(DecisionLogEntry entry, CancellationToken ct)
    {
        var decision = DecisionChunks.Pending(entry);
        if (Interlocked.Increment(ref queued) <= options.QueueCapacity && queue.Writer.TryWrite(decision))
        {
            return ValueTask.CompletedTask;
        }

        return WaitForRoomAsync(decision, ct);
    }

    private async ValueTask WaitForRoomAsync(PendingAnswer decision, CancellationToken ct)
    {
        // Full (the database has been away a long while): wait for the writer to make room, then queue.
        while (Volatile.Read(ref queued) > options.QueueCapacity)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), clock, ct);
        }

        if (!queue.Writer.TryWrite(decision))
        {
            Interlocked.Decrement(ref queued);
            throw new InvalidOperationException("The decision log is stopping.");
        }
    }

    /// <summary>Waits until every answer queued so far is written (tests, and a lookup right after a check).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        while (Volatile.Read(ref queued) > 0)
        {
            await Task.Delay(5, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var purge = new LeasedPurge(leases, clock, PurgeLease, options.PurgeInterval, options.RetentionDays, store.PurgeAsync,
            deleted => LogPurged(logger, deleted, options.RetentionDays), ex => LogPurgeFailed(logger, DatabaseFaults.Describe(ex))).RunAsync(stoppingToken);
        var batch = new List<PendingAnswer>(options.BatchSize);
        try
        {
            // Group commit on a beat: what arrived in one interval is written in one go. A check never wakes the
            // writer (no per-answer hand-over), and the database sees a few large transactions a second.
            using var beat = new PeriodicTimer(options.WriteInterval, clock);
            while (await beat.WaitForNextTickAsync(stoppingToken))
            {
                await DrainAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: the calls have drained; write what they left, even past the stop signal.
        queue.Writer.TryComplete();
        await DrainAsync(batch, stoppingToken);
        await purge;
    }

    private async Task DrainAsync(List<PendingAnswer> batch, CancellationToken stoppingToken)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < options.BatchSize && queue.Reader.TryRead(out var decision))
            {
                batch.Add(decision);
            }

            if (batch.Count == 0)
            {
                return;
            }

            await WriteWithRetryAsync(batch, stoppingToken);
            Interlocked.Add(ref written, batch.Count);
            Interlocked.Add(ref queued, -batch.Count); // queued counts an answer until it is written
        }
    }

    private async Task WriteWithRetryAsync(List<PendingAnswer> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.AppendAsync(batch, CancellationToken.None);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never drop an answer while running: keep trying; the queue fills and readiness turns. Once stopping,
                // give up after a few tries rather than hold the pod (said, with the count, never the content).
                LogWriteFailed(logger, attempt, batch.Count, DatabaseFaults.Describe(ex));
                if (stoppingToken.IsCancellationRequested && attempt >= 3)
                {
                    LogLost(logger, Volatile.Read(ref queued));
                    throw;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 5000)), clock, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} answers to the decision log failed (attempt {Attempt}, {Fault})")]
    private static partial void LogWriteFailed(ILogger logger, int attempt, int count, string fault);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with the decision log's database away: {Count} answers were not kept")]
    private static partial void LogLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired answers from the decision log failed ({Fault}); trying again next round")]
    private static partial void LogPurgeFailed(ILogger logger, string fault);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} answers older than {RetentionDays} days from the decision log")]
    private static partial void LogPurged(ILogger logger, int count, int retentionDays);
}

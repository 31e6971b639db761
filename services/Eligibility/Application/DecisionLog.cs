using Socialtjanst.Data;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// Keeps every answer: a check appends its answer, encoded, to its kommun's open chunk (<see cref="PendingChunks"/>) and
/// returns at once (it answers from memory, never waiting on the database); one writer takes the chunks every
/// WriteInterval and commits them, retrying a failed batch until it is written. On a graceful stop the queue is
/// written out before the process ends; a process killed outright loses what was queued (at most the last moments'
/// answers), which is the price of not making every check wait for a commit. One replica of the fleet deletes expired answers (a lease).
/// </summary>
public sealed partial class DecisionLog(DecisionLogStore store, DecisionLogOptions options, TimeProvider clock, JobLeases leases, ILogger<DecisionLog> logger) : Microsoft.Extensions.Hosting.BackgroundService
{
    /// <summary>The lease of the purge: one replica of the fleet deletes expired answers.</summary>
    public const string PurgeLease = "decision-log-purge";

    // Each answer appended, encoded, to its kommun's open chunk (pooled arrays: nothing per answer waits on the heap);
    // the capacity is kept by a count, and a check waits for room only when it is reached.
    private readonly PendingChunks pending = new();
    private int queued;

    private long written;

    /// <summary>Answers written so far (tests and the bench).</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>How full the queue is, 0-1 (readiness).</summary>
    public double Fill => (double)Volatile.Read(ref queued) / options.QueueCapacity;

    /// <summary>Queues an answer, encoded; completes at once unless the queue is full.</summary>
    public ValueTask AppendAsync(DecisionLogEntry entry, CancellationToken ct)
    {
        if (Interlocked.Increment(ref queued) <= options.QueueCapacity)
        {
            Add(entry);
            return ValueTask.CompletedTask;
        }

        return WaitForRoomAsync(entry, ct);
    }

    private void Add(DecisionLogEntry entry)
    {
        if (!pending.Add(entry))
        {
            Interlocked.Decrement(ref queued);
            throw new InvalidOperationException("The decision log is stopping.");
        }
    }

    private async ValueTask WaitForRoomAsync(DecisionLogEntry entry, CancellationToken ct)
    {
        // Full (the database has been away a long while): wait for the writer to make room, then queue.
        while (Volatile.Read(ref queued) > options.QueueCapacity)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), clock, ct);
        }

        Add(entry);
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
        try
        {
            // Group commit on a beat: what arrived in one interval is written in one go. A check never wakes the
            // writer (no per-answer hand-over), and the database sees a few large transactions a second.
            using var beat = new PeriodicTimer(options.WriteInterval, clock);
            while (await beat.WaitForNextTickAsync(stoppingToken))
            {
                await DrainAsync(stop: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: the calls have drained; write what they left, even past the stop signal.
        await DrainAsync(stop: true, stoppingToken);
        await purge;
    }

    private async Task DrainAsync(bool stop, CancellationToken stoppingToken)
    {
        // Everything queued so far, in transactions of about BatchSize answers (whole chunks).
        var chunks = pending.Take(stop);
        for (var i = 0; i < chunks.Count;)
        {
            var batch = new List<ChunkRow>();
            var answers = 0;
            while (i < chunks.Count && (batch.Count == 0 || answers + chunks[i].Answers <= options.BatchSize))
            {
                answers += chunks[i].Answers;
                batch.Add(chunks[i++]);
            }

            await WriteWithRetryAsync(batch, answers, stoppingToken);
            Interlocked.Add(ref written, answers);
            Interlocked.Add(ref queued, -answers); // queued counts an answer until it is written
        }
    }

    private async Task WriteWithRetryAsync(List<ChunkRow> batch, int answers, CancellationToken stoppingToken)
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
                LogWriteFailed(logger, attempt, answers, DatabaseFaults.Describe(ex));
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

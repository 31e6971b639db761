namespace Socialtjanst.Data;

/// <summary>
/// A retention purge run by one replica of the fleet: every interval, the replica that holds (or takes) the lease
/// deletes what is older than the retention. A round that fails is reported (by the caller, with the fault's type)
/// and the next round tries again; the loop ends only when the service stops. Used by the access log and the
/// decision log.
/// </summary>
public sealed class LeasedPurge(JobLeases leases, TimeProvider clock, string lease, TimeSpan interval, int retentionDays,
    Func<DateTimeOffset, CancellationToken, Task<int>> purge, Action<int> purged, Action<Exception> failed)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                await OnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: nothing unless this replica holds the lease (renewed each round, so one pod purges, not every pod in turn).</summary>
    public async Task OnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await leases.TryAcquireAsync(lease, interval + TimeSpan.FromMinutes(1), clock.GetUtcNow(), stoppingToken))
            {
                return;
            }

            var deleted = await purge(clock.GetUtcNow().AddDays(-retentionDays), stoppingToken);
            if (deleted > 0)
            {
                purged(deleted);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            failed(ex);
        }
    }
}

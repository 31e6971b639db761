using Socialtjanst.Data;
using Socialtjanst.FollowUp.Storage;

namespace Socialtjanst.FollowUp.Application;

/// <summary>
/// When a kommun's follow-up rules change in the catalog, the stored schedules made with older rules are
/// computed again, page by page, on the one replica that holds the lease. Each decision records the rules
/// revision its schedule was made with (<see cref="Decisions.RulesRevision"/>), so the work is by revision:
/// a restart does not repeat it, a lagging replica cannot undo it, and a decision registered on a lagging
/// replica is caught up on the next round.
/// </summary>
public sealed partial class Rescheduler(FollowUpStore store, CatalogReplica.CatalogReplica catalog, JobLeases leases, TimeProvider clock, ILogger<Rescheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The lease that lets one replica of the fleet reschedule (renewed every round; another takes over after it).</summary>
    public const string Lease = "followup-rescheduler";

    private const int Page = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                if (!await HoldsLeaseAsync(stoppingToken))
                {
                    continue; // another replica reschedules; this one stands by
                }

                foreach (var code in catalog.Municipalities)
                {
                    try
                    {
                        await RescheduleBehindAsync(code, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogFailed(logger, code, ex.GetType().Name);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> HoldsLeaseAsync(CancellationToken ct)
    {
        if (!catalog.AllLive)
        {
            // A copy that is not live may lag: stand by (and let the lease lapse), so a replica with a live
            // stream takes over instead of one that would find nothing behind its old rules.
            return false;
        }

        try
        {
            return await leases.TryAcquireAsync(Lease, Interval * 5, clock.GetUtcNow(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, "-", ex.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// Brings every decision whose schedule was made with older rules than this replica's catalog copy holds
    /// up to them, page by page; returns how many schedules changed. Never backwards: a decision made with
    /// newer rules (by a replica whose copy is ahead) is neither read nor written.
    /// </summary>
    public async Task<int> RescheduleBehindAsync(string code, CancellationToken ct)
    {
        if (catalog.Get(code) is not { Rules.Count: > 0 } snapshot)
        {
            return 0;
        }

        var revision = Decisions.RulesRevision(snapshot);
        var rules = Decisions.Rules(snapshot);
        var (changed, seen) = (0, 0);
        var after = "";
        while (true)
        {
            var page = await store.BehindRulesAsync(code, revision, after, Page, ct);
            if (page.Count == 0)
            {
                break;
            }

            seen += page.Count;
            changed += await store.WriteAsync(code, journal: null, async w =>
            {
                var n = 0;
                foreach (var row in page)
                {
                    var fresh = Decisions.ToRow(Decisions.FromRow(code, row), rules, row.Version, revision);
                    var moved = fresh.NextDue != row.NextDue || fresh.NextDueReason != row.NextDueReason ||
                        fresh.ExecutionDeadline != row.ExecutionDeadline || fresh.InterruptionDeadline != row.InterruptionDeadline;
                    if (await w.UpdateScheduleAsync(fresh) == 1 && moved)
                    {
                        n++;
                    }
                }

                return n;
            }, ct);
            after = page[^1].DecisionId;
        }

        if (seen > 0)
        {
            LogRescheduled(logger, code, revision, seen, changed);
        }

        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up rules of kommun {Municipality} at revision {Revision} applied to {Seen} decisions; {Changed} schedules changed")]
    private static partial void LogRescheduled(ILogger logger, string municipality, long revision, int seen, int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescheduling kommun {Municipality} failed ({ExceptionType}); retried on the next tick")]
    private static partial void LogFailed(ILogger logger, string municipality, string exceptionType);
}

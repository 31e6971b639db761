using System.Security.Cryptography;
using Google.Protobuf;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.FollowUp.Application;

/// <summary>
/// When a kommun's follow-up rules change in the catalog (or FollowUp sees a kommun's rules for
/// the first time), the stored schedules of its open decisions are computed again, page by page,
/// and the rules' fingerprint is recorded so a restart does not repeat the work.
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
                        await RescheduleIfRulesChangedAsync(code, stoppingToken);
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

    /// <summary>Returns how many decisions got a new schedule.</summary>
    public async Task<int> RescheduleIfRulesChangedAsync(string code, CancellationToken ct)
    {
        if (catalog.Get(code) is not { Rules.Count: > 0 } snapshot)
        {
            return 0;
        }

        var fingerprint = Convert.ToHexString(SHA256.HashData(snapshot.Rules.SelectMany(r => r.ToByteArray()).ToArray()));
        if (await store.RulesAppliedAsync(code, ct) == fingerprint)
        {
            return 0;
        }

        var rules = Decisions.Rules(snapshot);
        var changed = 0;
        var after = "";
        while (true)
        {
            var page = await store.OpenDecisionsAsync(code, after, Page, ct);
            if (page.Count == 0)
            {
                break;
            }

            changed += await store.WriteAsync(code, async w =>
            {
                var n = 0;
                foreach (var row in page)
                {
                    var fresh = Decisions.ToRow(Decisions.FromRow(code, row), rules, row.Version);
                    if (fresh.NextDue != row.NextDue || fresh.NextDueReason != row.NextDueReason ||
                        fresh.ExecutionDeadline != row.ExecutionDeadline || fresh.InterruptionDeadline != row.InterruptionDeadline)
                    {
                        n += await w.UpdateScheduleAsync(fresh);
                    }
                }

                return n;
            }, ct);
            after = page[^1].DecisionId;
        }

        await store.WriteAsync(code, async w => { await w.SetRulesAppliedAsync(fingerprint); return 0; }, ct);
        LogRescheduled(logger, code, changed);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up rules of kommun {Municipality} applied; {Changed} schedules changed")]
    private static partial void LogRescheduled(ILogger logger, string municipality, int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescheduling kommun {Municipality} failed ({ExceptionType}); retried on the next tick")]
    private static partial void LogFailed(ILogger logger, string municipality, string exceptionType);
}

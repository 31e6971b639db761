using Socialtjanst.Data;
using Socialtjanst.FollowUp.Storage;

namespace Socialtjanst.FollowUp.Tests;

/// <summary>FollowUp's SQL, the same tests on SQLite and (when configured) SQL Server.</summary>
public abstract class FollowUpStoreContract
{
    protected abstract DatabaseOptions Options { get; }

    protected virtual void SkipUnlessConfigured()
    {
    }

    private FollowUpStore NewStore()
    {
        Migrations.Run(Options, typeof(FollowUpStore).Assembly);
        return new FollowUpStore(new DbConnectionFactory(Options));
    }

    private static string Code() => Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DecisionRow Row(string? due, long version = 1) => new()
    {
        DecisionId = Guid.NewGuid().ToString("N"),
        CaseReference = "ARENDE-" + Random.Shared.Next(),
        Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
        DecisionDate = "2025-08-01",
        Body = "{}",
        NextDue = due,
        NextDueReason = 1,
        Version = version,
    };

    [SkippableFact]
    public async Task ADecisionAndItsAccessEvent_CommitTogether_OrNotAtAll()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        Migrations.Run(Options, typeof(Audit.AuditStore).Assembly);
        var audit = new Audit.AuditStore(new DbConnectionFactory(Options));
        var code = Code();
        async Task<int> EventsAsync(string id) => (await audit.ListAsync(new Audit.AuditQuery(
            code, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), null, $"municipalities/{code}/decisions/{id}", null, 10), CancellationToken.None)).Count;
        Audit.AuditEntry Event(string resource, string subject) =>
            new(0, code, DateTimeOffset.UtcNow, subject, "", "FollowUp", "/socialtjanst.followup.v1.FollowUpService/RegisterDecision", resource, "OK");

        // The access event cannot be written (a NOT NULL column left null): the decision is not written either.
        var failing = new Audit.AuditJournal((resource, _) => Event(resource, null!), "ps:administrator", "Test");
        var lost = Row("2025-09-01");
        await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync(code, failing, async w => { await w.InsertAsync(lost, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None));
        Assert.Null(await store.FindAsync(code, lost.DecisionId, CancellationToken.None));
        Assert.Equal(0, await EventsAsync(lost.DecisionId));

        // Written: the decision and its event, in one commit.
        var journal = new Audit.AuditJournal((resource, _) => Event(resource, "ps:handlaggare"), "ps:administrator", "Test");
        var kept = Row("2025-09-01");
        await store.WriteAsync(code, journal, async w => { await w.InsertAsync(kept, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);
        Assert.NotNull(await store.FindAsync(code, kept.DecisionId, CancellationToken.None));
        Assert.Equal(1, await EventsAsync(kept.DecisionId));
    }

    /// <summary>
    /// Two replicas given one request id at the same moment: one writes, the other answers the replay. (On
    /// SQLite the writers take turns and the second finds the first's record; on SQL Server both read that it is
    /// new, and the loser meets the request log's key and runs again.)
    /// </summary>
    [SkippableFact]
    public async Task TheSameRequestIdOnTwoReplicasAtOnce_WritesOnce_AndTheOtherIsAReplay()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = Code();
        var requestId = Guid.NewGuid().ToString();
        var row = Row("2025-09-01");
        async Task<string> RegisterAsync(DecisionWrite w)
        {
            if (await w.FindRequestAsync(requestId) is not null)
            {
                return "replayed";
            }

            await Task.Delay(300); // both replicas have read that the request id is new
            await w.InsertAsync(row, DateTimeOffset.UtcNow);
            await w.LogRequestAsync(requestId, "RegisterDecision", "hash", [], DateTimeOffset.UtcNow);
            return "written";
        }

        var answers = await Task.WhenAll(
            store.WriteAsync(code, journal: null, RegisterAsync, CancellationToken.None),
            store.WriteAsync(code, journal: null, RegisterAsync, CancellationToken.None));
        Assert.Equal(["replayed", "written"], answers.Order(StringComparer.Ordinal));
        Assert.NotNull(await store.FindAsync(code, row.DecisionId, CancellationToken.None));
    }

    /// <summary>Eight replicas given one request id at the same moment: one decision, seven replays, on every engine.</summary>
    [SkippableFact]
    public async Task TheSameRequestIdOnEightReplicasAtOnce_WritesOneDecision_AndSevenReplays()
    {
        SkipUnlessConfigured();
        var stores = Enumerable.Range(0, 8).Select(_ => NewStore()).ToList(); // a store (and pool) per replica
        var code = Code();
        var requestId = Guid.NewGuid().ToString();
        var rows = Enumerable.Range(0, 8).Select(_ => Row("2025-09-01")).ToList();
        using var start = new SemaphoreSlim(0, 8);
        var answers = await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await store.WriteAsync(code, journal: null, async w =>
            {
                if (await w.FindRequestAsync(requestId) is not null)
                {
                    return "replayed";
                }

                await Task.Delay(200); // every replica has read that the request id is new
                await w.InsertAsync(rows[i], DateTimeOffset.UtcNow);
                await w.LogRequestAsync(requestId, "RegisterDecision", "hash", [], DateTimeOffset.UtcNow);
                return "written " + i;
            }, CancellationToken.None);
        })).Append(Task.Run(() => { start.Release(8); return ""; })));
        var outcomes = answers.Where(a => a.Length > 0).ToList();
        Assert.Single(outcomes, a => a.StartsWith("written", StringComparison.Ordinal));
        Assert.Equal(7, outcomes.Count(a => a == "replayed"));
        var written = int.Parse(outcomes.Single(a => a.StartsWith("written", StringComparison.Ordinal))[8..], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(i == written, await stores[0].FindAsync(code, rows[i].DecisionId, CancellationToken.None) is not null);
        }
    }

    /// <summary>
    /// Schedules by rules revision: the rescheduler sees only decisions made with older rules than its own,
    /// and a replica whose rules are older than a decision's can never write that decision's schedule back.
    /// </summary>
    [SkippableFact]
    public async Task ScheduleRewrites_GoOnlyForward_ByRulesRevision()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = Code();
        var (old, current) = (Row("2026-03-01"), Row("2026-03-01"));
        old.RulesRevision = 3;
        current.RulesRevision = 7;
        await store.WriteAsync(code, journal: null, async w => { await w.InsertAsync(old, DateTimeOffset.UtcNow); await w.InsertAsync(current, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);

        Assert.Equal([old.DecisionId], (await store.BehindRulesAsync(code, 7, "", 100, CancellationToken.None)).Select(r => r.DecisionId));
        Assert.Empty(await store.BehindRulesAsync(code, 3, "", 100, CancellationToken.None));
        var other = code == "0001" ? "0002" : "0001";
        Assert.DoesNotContain(await store.BehindRulesAsync(other, 9, "", 1000, CancellationToken.None), r => r.DecisionId == old.DecisionId || r.DecisionId == current.DecisionId);

        // A lagging replica (rules at 5) rewrites the decision behind it, never the one ahead of it.
        var lagging = new[] { old, current }.Select(r => new DecisionRow
        {
            DecisionId = r.DecisionId, CaseReference = r.CaseReference, Intervention = r.Intervention, DecisionDate = r.DecisionDate, Body = r.Body,
            NextDue = "2026-06-01", NextDueReason = 1, Version = r.Version, RulesRevision = 5,
        }).ToList();
        var written = await store.WriteAsync(code, journal: null, async w => await w.UpdateScheduleAsync(lagging[0]) + (10 * await w.UpdateScheduleAsync(lagging[1])), CancellationToken.None);
        Assert.Equal(1, written);
        Assert.Equal(("2026-06-01", 5L), await ScheduleOf(old.DecisionId));
        Assert.Equal(("2026-03-01", 7L), await ScheduleOf(current.DecisionId));

        async Task<(string?, long)> ScheduleOf(string id) => (await store.FindAsync(code, id, CancellationToken.None)) is { } r ? (r.NextDue, r.RulesRevision) : default;
    }

    /// <summary>Two replicas and one lease (the rescheduler's, the purge's): one works, the other stands by until the lease expires.</summary>
    [SkippableFact]
    public async Task ALease_IsHeldByOneReplicaAtATime_RenewedByItsHolder_AndTakenOverOnceItExpires()
    {
        SkipUnlessConfigured();
        Migrations.Run(Options, typeof(FollowUpStore).Assembly);
        Migrations.Run(Options, typeof(Audit.AuditStore).Assembly); // both create job_lease: once
        var leases = new JobLeases(new DbConnectionFactory(Options));
        var name = "test-" + Guid.NewGuid().ToString("N");
        var (a, b) = ("replica-a", "replica-b");
        var t0 = DateTimeOffset.UtcNow;
        var ttl = TimeSpan.FromSeconds(10);

        Assert.True(await leases.TryAcquireAsync(name, ttl, t0, CancellationToken.None, a));
        Assert.False(await leases.TryAcquireAsync(name, ttl, t0.AddSeconds(1), CancellationToken.None, b));
        Assert.True(await leases.TryAcquireAsync(name, ttl, t0.AddSeconds(8), CancellationToken.None, a)); // renewed: now until t0 + 18 s
        Assert.False(await leases.TryAcquireAsync(name, ttl, t0.AddSeconds(15), CancellationToken.None, b));
        Assert.True(await leases.TryAcquireAsync(name, ttl, t0.AddSeconds(19), CancellationToken.None, b)); // a stopped renewing
        Assert.False(await leases.TryAcquireAsync(name, ttl, t0.AddSeconds(20), CancellationToken.None, a));

        // Many replicas asking at once: exactly one gets it.
        var other = "test-" + Guid.NewGuid().ToString("N");
        var won = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => leases.TryAcquireAsync(other, ttl, t0, CancellationToken.None, "replica-" + i)));
        Assert.Equal(1, won.Count(w => w));
    }

    [SkippableFact]
    public async Task Insert_ThenFind_InItsOwnKommunOnly()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var (mine, theirs) = (Code(), Code());
        var row = Row("2026-02-01");
        await store.WriteAsync(mine, journal: null, async w => { await w.InsertAsync(row, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);

        Assert.Equal(row.CaseReference, (await store.FindAsync(mine, row.DecisionId, CancellationToken.None))!.CaseReference);
        if (theirs != mine)
        {
            Assert.Null(await store.FindAsync(theirs, row.DecisionId, CancellationToken.None));
            Assert.Empty(await store.DueAsync(theirs, "0000", "9999", "", "", 10, CancellationToken.None));
        }
    }

    [SkippableFact]
    public async Task Update_WithAStaleVersion_ChangesNothing()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = Code();
        var row = Row("2026-02-01");
        await store.WriteAsync(code, journal: null, async w => { await w.InsertAsync(row, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);

        row.NextDue = "2026-03-01";
        row.Version = 2;
        Assert.True(await store.WriteAsync(code, journal: null, w => w.UpdateAsync(row, 1, "follow_up", DateTimeOffset.UtcNow), CancellationToken.None));
        row.NextDue = "2026-04-01";
        row.Version = 2;
        Assert.False(await store.WriteAsync(code, journal: null, w => w.UpdateAsync(row, 1, "follow_up", DateTimeOffset.UtcNow), CancellationToken.None));
        Assert.Equal("2026-03-01", (await store.FindAsync(code, row.DecisionId, CancellationToken.None))!.NextDue);
    }

    [SkippableFact]
    public async Task Due_IsOldestFirst_PagesByKey_AndSkipsDecisionsWithNothingDue()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = Code();
        var rows = new[] { Row("2026-03-01"), Row("2026-01-15"), Row(null), Row("2026-01-15"), Row("2027-01-01") };
        await store.WriteAsync(code, journal: null, async w =>
        {
            foreach (var r in rows)
            {
                await w.InsertAsync(r, DateTimeOffset.UtcNow);
            }

            return 0;
        }, CancellationToken.None);

        var first = await store.DueAsync(code, "2026-01-01", "2026-12-31", "", "", 2, CancellationToken.None);
        Assert.Equal(["2026-01-15", "2026-01-15"], first.Select(r => r.NextDue).ToArray());
        var next = await store.DueAsync(code, "2026-01-01", "2026-12-31", first[^1].NextDue, first[^1].DecisionId, 2, CancellationToken.None);
        Assert.Equal(["2026-03-01"], next.Select(r => r.NextDue).ToArray());
    }

    [SkippableFact]
    public async Task InsertMany_RegistersEveryDecisionInOneTransaction()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = Code();
        var rows = Enumerable.Range(0, 450).Select(i => Row(i % 3 == 0 ? null : "2026-05-01")).ToList();
        await store.WriteAsync(code, journal: null, async w => { await w.InsertManyAsync(rows, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);
        Assert.Equal(300, (await store.DueAsync(code, "2026-05-01", "2026-05-01", "", "", 1000, CancellationToken.None)).Count);
        var last = await store.FindAsync(code, rows[^1].DecisionId, CancellationToken.None);
        Assert.Equal((rows[^1].CaseReference, rows[^1].NextDue), (last!.CaseReference, last.NextDue));
    }

    [SkippableFact]
    public async Task AWriteThatThrows_LeavesNoHalfWrittenDecision()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = Code();
        var row = Row("2026-02-01");
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(code, journal: null, async w =>
        {
            await w.InsertAsync(row, DateTimeOffset.UtcNow);
            throw new InvalidOperationException("crash mid-request");
        }, CancellationToken.None));
        Assert.Null(await store.FindAsync(code, row.DecisionId, CancellationToken.None));
    }
}

public sealed class SqliteFollowUpStoreTests : FollowUpStoreContract, IDisposable
{
    private readonly string file = Hosts.TempPath("followup-store", ".db");

    protected override DatabaseOptions Options => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };

    [Fact]
    public async Task DueQuery_ReadsOnlyTheCoveringIndex()
    {
        Migrations.Run(Options, typeof(FollowUpStore).Assembly);
        var plan = await new FollowUpStore(new DbConnectionFactory(Options)).ExplainDueQueryAsync(CancellationToken.None);
        Assert.Contains("USING COVERING INDEX ix_decision_due", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }
    }
}

[Trait("Database", "SqlServer")]
public sealed class SqlServerFollowUpStoreTests : FollowUpStoreContract
{
    protected override DatabaseOptions Options => SqlServer.Options;

    protected override void SkipUnlessConfigured() => SqlServer.SkipUnlessConfigured();
}

/// <summary>PostgreSQL, production: runs when SOCIALTJANST_TEST_POSTGRES holds a connection string (`.ci/run` sets it).</summary>
[Trait("Database", "PostgreSql")]
public sealed class PostgreSqlFollowUpStoreTests : FollowUpStoreContract
{
    protected override DatabaseOptions Options => PostgreSql.Options;

    protected override void SkipUnlessConfigured() => PostgreSql.SkipUnlessConfigured();
}

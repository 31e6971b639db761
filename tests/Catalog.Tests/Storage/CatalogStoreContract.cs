using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Data;

namespace Socialtjanst.Catalog.Tests.Storage;

/// <summary>
/// The Catalog's SQL, tested the same way on every database it runs on (Dapper's own pattern:
/// one abstract class, one subclass per provider). Each test works in kommuner of its own.
/// </summary>
public abstract class CatalogStoreContract
{
    protected abstract DatabaseOptions Options { get; }

    private CatalogStore NewStore()
    {
        Migrations.Run(Options, typeof(CatalogStore).Assembly);
        return new CatalogStore(new DbConnectionFactory(Options));
    }

    /// <summary>A kommunkod no other test uses, so runs against a shared SQL Server do not meet.</summary>
    private static string FreshCode() => Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static VersionRow Row(string id, string versionId, string from = "2025-07-01") =>
        CatalogRows.ToRow(id, versionId, Sample.Counselling(id: id).With(i => i.ValidFrom = D.Of(int.Parse(from[..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(from[5..7], System.Globalization.CultureInfo.InvariantCulture), int.Parse(from[8..], System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>Reports the test as skipped where its database is not configured here.</summary>
    protected virtual void SkipUnlessConfigured()
    {
    }

    private static CatalogCommit Commit(string code, long expected, IWriteJournal? journal = null, params VersionRow[] versions)
    {
        var commit = new CatalogCommit(code, expected, journal);
        commit.Versions.AddRange(versions);
        return commit;
    }

    [SkippableFact]
    public async Task Commit_ThenLoad_ReturnsVersionUnderTheNextRevision()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        var commit = Commit(code, 0, null, Row("samtal", "v1"));
        await store.CommitAsync(commit, CancellationToken.None);

        var (revision, versions, rules) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal(1, revision);
        var row = Assert.Single(versions);
        Assert.Equal(("samtal", "v1", "2025-07-01", (string?)null, 1L), (row.InterventionId, row.VersionId, row.ValidFrom, row.ValidTo, row.Revision));
        Assert.Empty(rules);
        var write = Assert.Single((await store.WritesAsync(code, long.MaxValue, 10, CancellationToken.None)).Writes);
        Assert.Equal((1L, "Seed", "system"), (write.Revision, write.Method, write.WrittenBy)); // no journal: the seed import at start
    }

    [SkippableFact]
    public async Task Rewrite_KeepsHistoryInTheFeed_ButOnlyTheLatestIsCurrent()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        await store.CommitAsync(Commit(code, 0, null, Row("samtal", "v1")), CancellationToken.None);
        var second = Row("samtal", "v1");
        second.ValidTo = "2025-12-31";
        await store.CommitAsync(Commit(code, 1, null, second), CancellationToken.None);

        var (_, current, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal("2025-12-31", Assert.Single(current).ValidTo);
        var (feed, _) = await store.ChangesSinceAsync(code, 0, CancellationToken.None);
        Assert.Equal(2, feed.Count);
        Assert.True(feed[0].Revision < feed[1].Revision);
        var (after, _) = await store.ChangesSinceAsync(code, feed[0].Revision, CancellationToken.None);
        Assert.Equal(feed[1].Revision, Assert.Single(after).Revision);
    }

    [SkippableFact]
    public async Task ACommitPlannedAgainstAPassedRevision_WritesNothing()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        await store.CommitAsync(Commit(code, 0, null, Row("a", "v1")), CancellationToken.None);
        var stale = Commit(code, 0, null, Row("b", "v2"));
        stale.Request = new RequestEntry("req-stale", "CreateIntervention", "hash", [1], DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<CatalogMovedOnException>(() => store.CommitAsync(stale, CancellationToken.None));

        var (revision, versions, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal(1, revision);
        Assert.Equal("a", Assert.Single(versions).InterventionId);
        Assert.Null(await store.FindRequestAsync(code, "req-stale", CancellationToken.None));
    }

    [SkippableFact]
    public async Task ACatalogChangeAndItsAccessEvent_CommitTogether_OrNotAtAll()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        Migrations.Run(Options, typeof(Audit.AuditStore).Assembly);
        var audit = new Audit.AuditStore(new DbConnectionFactory(Options));
        var code = await UnusedCode(store);
        var resource = $"municipalities/{code}/interventions/samtal";
        async Task<IReadOnlyList<Audit.AuditEntry>> EventsAsync() => await audit.ListAsync(new Audit.AuditQuery(
            code, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), null, resource, null, 10), CancellationToken.None);
        Audit.AuditEntry Event(string touched, string reference, string subject) =>
            new(0, code, DateTimeOffset.UtcNow, subject, "", "Catalog", "/socialtjanst.catalog.v1.CatalogService/CreateIntervention", touched, "OK", reference);
        Task PutAsync(IWriteJournal journal)
        {
            var commit = Commit(code, 0, journal, Row("samtal", "v1"));
            commit.Touched.Add((resource, "SN 2025-06-12 § 88"));
            return store.CommitAsync(commit, CancellationToken.None);
        }

        // The access event cannot be written (a NOT NULL column left null): the insats is not written either.
        await Assert.ThrowsAnyAsync<Exception>(() => PutAsync(new Audit.AuditJournal((touched, reference) => Event(touched, reference, null!), "ps:administrator", "CreateIntervention")));
        var (revision, none, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal((0L, 0), (revision, none.Count));
        Assert.Empty(await EventsAsync());

        // Written: the insats, its event with the nämnd decision, and the history's record of who wrote it, in one commit.
        await PutAsync(new Audit.AuditJournal((touched, reference) => Event(touched, reference, "ps:administrator"), "ps:administrator", "CreateIntervention"));
        var (_, written, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Single(written);
        Assert.Equal("SN 2025-06-12 § 88", Assert.Single(await EventsAsync()).Reference);
        var write = Assert.Single((await store.WritesAsync(code, long.MaxValue, 10, CancellationToken.None)).Writes);
        Assert.Equal(("CreateIntervention", "ps:administrator"), (write.Method, write.WrittenBy));
    }

    [SkippableFact]
    public async Task ACommitThatOnlyAnswersARequest_KeepsTheRevision_AndAnEmptyOneWritesNothing()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        await store.CommitAsync(Commit(code, 0, null, Row("a", "v1")), CancellationToken.None);
        var answerOnly = Commit(code, 1);
        answerOnly.Request = new RequestEntry("req-1", "ImportCatalog", "hash", [4, 2], DateTimeOffset.UtcNow);
        await store.CommitAsync(answerOnly, CancellationToken.None);
        await store.CommitAsync(Commit(code, 1), CancellationToken.None);

        var (after, versions, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal(1, after);
        Assert.Equal("a", Assert.Single(versions).InterventionId);
        Assert.Equal(new byte[] { 4, 2 }, (await store.FindRequestAsync(code, "req-1", CancellationToken.None))!.Response);
        Assert.Single((await store.WritesAsync(code, long.MaxValue, 10, CancellationToken.None)).Writes);
    }

    [SkippableFact]
    public async Task ACommitThatFails_LeavesNothingHalfWritten()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        var commit = Commit(code, 0, null, Row("a", "v1"));
        commit.Rules.Add(new RulesRow { VersionId = "r1", ValidFrom = "2025-07-01", Body = null! }); // a NOT NULL column left null, after the version
        commit.Request = new RequestEntry("req-1", "ImportCatalog", "hash", [1], DateTimeOffset.UtcNow);
        await Assert.ThrowsAnyAsync<Exception>(() => store.CommitAsync(commit, CancellationToken.None));

        var (revision, versions, rules) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal(0, revision);
        Assert.Empty(versions);
        Assert.Empty(rules);
        Assert.Null(await store.FindRequestAsync(code, "req-1", CancellationToken.None));
        Assert.Empty((await store.WritesAsync(code, long.MaxValue, 10, CancellationToken.None)).Writes);
    }

    [SkippableFact]
    public async Task EveryRead_StaysInsideItsKommun()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var mine = await UnusedCode(store);
        var theirs = await UnusedCode(store, except: mine);
        var commit = Commit(theirs, 0, null, Row("hemligt", "v1"));
        commit.Rules.Add(new RulesRow { VersionId = "r1", ValidFrom = "2025-07-01", Body = "{}" });
        commit.Request = new RequestEntry("req-1", "CreateIntervention", "hash", [1, 2, 3], DateTimeOffset.UtcNow);
        await store.CommitAsync(commit, CancellationToken.None);

        var (revision, versions, rules) = await store.LoadCurrentAsync(mine, CancellationToken.None);
        Assert.Equal((0L, 0, 0), (revision, versions.Count, rules.Count));
        var (feedVersions, feedRules) = await store.ChangesSinceAsync(mine, 0, CancellationToken.None);
        Assert.Empty(feedVersions);
        Assert.Empty(feedRules);
        Assert.Null(await store.FindRequestAsync(mine, "req-1", CancellationToken.None));
        Assert.Empty(await store.HistoryAsync(mine, "hemligt", long.MaxValue, "", 10, CancellationToken.None));
        Assert.Empty((await store.WritesAsync(mine, long.MaxValue, 10, CancellationToken.None)).Writes);
        Assert.Empty(await store.VersionsAtAsync(mine, 1, CancellationToken.None));
        Assert.Empty(await store.RulesAtAsync(mine, 1, CancellationToken.None));
        Assert.Single(await store.RulesAtAsync(theirs, 1, CancellationToken.None));
    }

    [SkippableFact]
    public async Task TheRulesAtARevision_AreThoseWrittenByThen_AndNotYetReplaced()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        var first = Commit(code, 0);
        first.Rules.Add(new RulesRow { VersionId = "r1", ValidFrom = "2025-07-01", Body = "{\"executionLimitMonths\":3}" });
        await store.CommitAsync(first, CancellationToken.None);
        var second = Commit(code, 1);
        second.Rules.Add(new RulesRow { VersionId = "r1", ValidFrom = "2025-07-01", Body = "{\"executionLimitMonths\":4}" });
        await store.CommitAsync(second, CancellationToken.None);

        Assert.Empty(await store.RulesAtAsync(code, 0, CancellationToken.None));
        Assert.Contains(":3", Assert.Single(await store.RulesAtAsync(code, 1, CancellationToken.None)).Body, StringComparison.Ordinal);
        Assert.Contains(":4", Assert.Single(await store.RulesAtAsync(code, 2, CancellationToken.None)).Body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RequestLog_ReturnsTheFirstAnswer_AndRefusesASecondEntry()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        var first = Commit(code, 0);
        first.Request = new RequestEntry("req-1", "ImportCatalog", "abc", [9, 8, 7], DateTimeOffset.UtcNow);
        await store.CommitAsync(first, CancellationToken.None);
        var found = await store.FindRequestAsync(code, "req-1", CancellationToken.None);
        Assert.Equal(("ImportCatalog", "abc"), (found!.Method, found.RequestHash));
        Assert.Equal(new byte[] { 9, 8, 7 }, found.Response);

        var second = Commit(code, 0, null, Row("a", "v1"));
        second.Request = new RequestEntry("req-1", "ImportCatalog", "other", [1], DateTimeOffset.UtcNow);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => store.CommitAsync(second, CancellationToken.None));
        Assert.True(DbConnectionFactory.IsUniqueViolation(ex));
        Assert.Empty((await store.LoadCurrentAsync(code, CancellationToken.None)).Versions);
    }

    [SkippableFact]
    public async Task ConcurrentCommits_AgainstOneRevision_OneWins_AndEachRetryGetsTheNextRevision()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        var moved = 0;
        async Task<long> CommitUntilItLandsAsync(int i)
        {
            for (var expected = 0L; ; expected = (await store.RevisionsAsync(CancellationToken.None))[code])
            {
                var commit = Commit(code, expected, null, Row($"insats-{i}", $"v{i}"));
                try
                {
                    await store.CommitAsync(commit, CancellationToken.None);
                    return commit.Revision;
                }
                catch (CatalogMovedOnException)
                {
                    Interlocked.Increment(ref moved);
                }
            }
        }

        var revisions = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => CommitUntilItLandsAsync(i))));

        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), revisions.Order());
        Assert.True(moved >= 1, "sixteen commits planned against revision 0 all landed without one being told the catalog moved on");
        var (revision, versions, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal(16, revision);
        Assert.Equal(16, versions.Count);
    }

    [SkippableFact]
    public void Migrations_RunTwice_AreANoOp()
    {
        SkipUnlessConfigured();
        Migrations.Run(Options, typeof(CatalogStore).Assembly);
        Migrations.Run(Options, typeof(CatalogStore).Assembly);
    }

    [SkippableFact]
    public async Task ReplicasStartingTogether_TakeTurnsToMigrate_EachScriptRunsOnce()
    {
        SkipUnlessConfigured();
        var fresh = FreshDatabase();

        // While one instance holds the migration lock, another's start waits for it.
        Task waiting;
        using (Migrations.TakeTurn(fresh))
        {
            waiting = Task.Run(() => Migrations.Run(fresh, typeof(CatalogStore).Assembly));
            await Task.Delay(500);
            Assert.False(waiting.IsCompleted, "a migration ran while another instance held the lock");
        }

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        var assemblies = new[] { typeof(CatalogStore).Assembly, typeof(Audit.AuditStore).Assembly };
        // Eight "replicas" of two services start at once on one new database.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Migrations.Run(fresh, assemblies[i % 2]))));
        await using var connection = await new DbConnectionFactory(fresh).OpenAsync(CancellationToken.None);
        var journal = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT ScriptName FROM SchemaVersions")).ToList();
        Assert.NotEmpty(journal);
        Assert.Equal(journal.Count, journal.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>A database no test has migrated yet, on this engine.</summary>
    protected abstract DatabaseOptions FreshDatabase();

    private static async Task<string> UnusedCode(CatalogStore store, string? except = null)
    {
        var used = await store.RevisionsAsync(CancellationToken.None);
        while (true)
        {
            var code = FreshCode();
            if (!used.ContainsKey(code) && code != except)
            {
                return code;
            }
        }
    }
}

/// <summary>SQLite, the embedded default: a fresh file per test class.</summary>
public sealed class SqliteCatalogStoreTests : CatalogStoreContract, IDisposable
{
    private readonly string file = Hosts.TempPath("catalog-store", ".db");

    protected override DatabaseOptions Options => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };

    protected override DatabaseOptions FreshDatabase() =>
        new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(Hosts.NewDirectory("migrations-race"), "fresh.db")}" };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }
    }
}

/// <summary>SQL Server, production: runs when SOCIALTJANST_TEST_SQLSERVER holds a connection string.</summary>
[Trait("Database", "SqlServer")]
public sealed class SqlServerCatalogStoreTests : CatalogStoreContract
{
    protected override DatabaseOptions Options => SqlServer.Options;

    protected override DatabaseOptions FreshDatabase() => new()
    {
        Provider = DatabaseProvider.SqlServer,
        ConnectionString = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(SqlServer.ConnectionString) { InitialCatalog = "socialtjanst_fresh_" + Guid.NewGuid().ToString("N") }.ConnectionString,
        CreateIfMissing = true,
    };

    protected override void SkipUnlessConfigured() => SqlServer.SkipUnlessConfigured();
}

/// <summary>PostgreSQL, production: runs when SOCIALTJANST_TEST_POSTGRES holds a connection string (`.ci/run` sets it).</summary>
[Trait("Database", "PostgreSql")]
public sealed class PostgreSqlCatalogStoreTests : CatalogStoreContract
{
    protected override DatabaseOptions Options => PostgreSql.Options;

    protected override DatabaseOptions FreshDatabase() => PostgreSql.FreshDatabase();

    protected override void SkipUnlessConfigured() => PostgreSql.SkipUnlessConfigured();
}

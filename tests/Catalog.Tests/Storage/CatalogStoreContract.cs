using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Hosting.Data;

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

    [SkippableFact]
    public async Task Write_ThenLoad_ReturnsVersionUnderNewRevision()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        var written = await store.WriteAsync(code, async w =>
        {
            await w.PutVersionAsync(Row("samtal", "v1"));
            return (w.Revision, true);
        }, CancellationToken.None);

        var (revision, versions, rules) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal(written, revision);
        var row = Assert.Single(versions);
        Assert.Equal(("samtal", "v1", "2025-07-01", (string?)null, written), (row.InterventionId, row.VersionId, row.ValidFrom, row.ValidTo, row.Revision));
        Assert.Empty(rules);
    }

    [SkippableFact]
    public async Task Rewrite_KeepsHistoryInTheFeed_ButOnlyTheLatestIsCurrent()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        await store.WriteAsync(code, async w => { await w.PutVersionAsync(Row("samtal", "v1")); return (0, true); }, CancellationToken.None);
        var second = Row("samtal", "v1");
        second.ValidTo = "2025-12-31";
        await store.WriteAsync(code, async w => { await w.PutVersionAsync(second); return (0, true); }, CancellationToken.None);

        var (_, current, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal("2025-12-31", Assert.Single(current).ValidTo);
        var (feed, _) = await store.ChangesSinceAsync(code, 0, CancellationToken.None);
        Assert.Equal(2, feed.Count);
        Assert.True(feed[0].Revision < feed[1].Revision);
        var (after, _) = await store.ChangesSinceAsync(code, feed[0].Revision, CancellationToken.None);
        Assert.Equal(feed[1].Revision, Assert.Single(after).Revision);
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
        Task<int> PutAsync() => store.WriteAsync(code, async w =>
        {
            await w.PutVersionAsync(Row("samtal", "v1"));
            w.Touch(resource, "SN 2025-06-12 § 88");
            return (0, true);
        }, CancellationToken.None);

        var outer = WriteJournal.Current;
        try
        {
            // The access event cannot be written (a NOT NULL column left null): the insats is not written either.
            WriteJournal.Current = new Audit.AuditJournal((touched, reference) => Event(touched, reference, null!), "ps:administrator", "Test");
            await Assert.ThrowsAnyAsync<Exception>(PutAsync);
            var (_, none, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
            Assert.Empty(none);
            Assert.Empty(await EventsAsync());

            // Written: the insats and its event with the nämnd decision, in one commit.
            WriteJournal.Current = new Audit.AuditJournal((touched, reference) => Event(touched, reference, "ps:administrator"), "ps:administrator", "Test");
            await PutAsync();
            var (_, written, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
            Assert.Single(written);
            Assert.Equal("SN 2025-06-12 § 88", Assert.Single(await EventsAsync()).Reference);
        }
        finally
        {
            WriteJournal.Current = outer;
        }
    }

    [SkippableFact]
    public async Task WriteThatChangesNothing_UsesNoRevision()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        await store.WriteAsync(code, async w => { await w.PutVersionAsync(Row("a", "v1")); return (0, true); }, CancellationToken.None);
        var (before, _, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        await store.WriteAsync(code, async w => { await w.PutVersionAsync(Row("b", "v2")); return (0, false); }, CancellationToken.None);

        var (after, versions, _) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal(before, after);
        Assert.Equal("a", Assert.Single(versions).InterventionId);
    }

    [SkippableFact]
    public async Task WriteThatThrows_LeavesNothingHalfWritten()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(code, async w =>
        {
            await w.PutVersionAsync(Row("a", "v1"));
            await w.PutRulesAsync(new RulesRow { VersionId = "r1", ValidFrom = "2025-07-01", Body = "{}" });
            throw new InvalidOperationException("crash mid-write");
        }, CancellationToken.None));

        var (revision, versions, rules) = await store.LoadCurrentAsync(code, CancellationToken.None);
        Assert.Equal(0, revision);
        Assert.Empty(versions);
        Assert.Empty(rules);
    }

    [SkippableFact]
    public async Task EveryRead_StaysInsideItsKommun()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var mine = await UnusedCode(store);
        var theirs = await UnusedCode(store, except: mine);
        await store.WriteAsync(theirs, async w =>
        {
            await w.PutVersionAsync(Row("hemligt", "v1"));
            await w.PutRulesAsync(new RulesRow { VersionId = "r1", ValidFrom = "2025-07-01", Body = "{}" });
            await w.LogRequestAsync("req-1", "CreateIntervention", "hash", [1, 2, 3], DateTimeOffset.UtcNow);
            return (0, true);
        }, CancellationToken.None);

        var (revision, versions, rules) = await store.LoadCurrentAsync(mine, CancellationToken.None);
        Assert.Equal((0L, 0, 0), (revision, versions.Count, rules.Count));
        var (feedVersions, feedRules) = await store.ChangesSinceAsync(mine, 0, CancellationToken.None);
        Assert.Empty(feedVersions);
        Assert.Empty(feedRules);
        var seen = await store.WriteAsync(mine, async w => ((await w.FindRequestAsync("req-1"), await w.CurrentVersionsAsync(), await w.CurrentRulesAsync()), false), CancellationToken.None);
        Assert.Null(seen.Item1);
        Assert.Empty(seen.Item2);
        Assert.Empty(seen.Item3);
    }

    [SkippableFact]
    public async Task RequestLog_ReturnsTheFirstAnswer_AndRefusesASecondEntry()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        await store.WriteAsync(code, async w => { await w.LogRequestAsync("req-1", "ImportCatalog", "abc", [9, 8, 7], DateTimeOffset.UtcNow); return (0, true); }, CancellationToken.None);
        var found = await store.WriteAsync(code, async w => (await w.FindRequestAsync("req-1"), false), CancellationToken.None);
        Assert.Equal(("ImportCatalog", "abc"), (found!.Method, found.RequestHash));
        Assert.Equal(new byte[] { 9, 8, 7 }, found.Response);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync(code, async w =>
        {
            await w.LogRequestAsync("req-1", "ImportCatalog", "other", [1], DateTimeOffset.UtcNow);
            return (0, true);
        }, CancellationToken.None));
        Assert.True(DbConnectionFactory.IsUniqueViolation(ex));
    }

    [SkippableFact]
    public async Task ConcurrentWriters_GetDistinctIncreasingRevisions()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var code = await UnusedCode(store);
        var revisions = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.WriteAsync(code, async w =>
        {
            await w.PutVersionAsync(Row($"insats-{i}", $"v{i}"));
            return (w.Revision, true);
        }, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), revisions.Order());
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

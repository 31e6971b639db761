using Socialtjanst.Data;
using Socialtjanst.Documentation.Storage;

namespace Socialtjanst.Documentation.Tests;

/// <summary>Documentation's SQL on SQLite and (when configured) SQL Server.</summary>
public abstract class ParticipationStoreContract
{
    protected abstract DatabaseOptions Options { get; }

    protected virtual void SkipUnlessConfigured()
    {
    }

    private ParticipationStore NewStore()
    {
        Migrations.Run(Options, typeof(ParticipationStore).Assembly);
        return new ParticipationStore(new DbConnectionFactory(Options));
    }

    private static ParticipationRow Row(string day) => new() { Day = day, AgeBand = 2, Gender = 1, WellbeingStart = 3, WellbeingEnd = 4, EarlyEndReason = 0 };

    [SkippableFact]
    public async Task AParticipationAndItsAccessEvent_CommitTogether_OrNotAtAll()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        Migrations.Run(Options, typeof(Audit.AuditStore).Assembly);
        var audit = new Audit.AuditStore(new DbConnectionFactory(Options));
        var code = "6" + Random.Shared.Next(100, 999);
        var resource = $"municipalities/{code}/interventions/krisstod";
        async Task<int> EventsAsync() => (await audit.ListAsync(new Audit.AuditQuery(
            code, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), null, resource, null, 10), CancellationToken.None)).Count;
        Audit.AuditEntry Event(string touched, string subject) =>
            new(0, code, DateTimeOffset.UtcNow, subject, "", "Documentation", "/socialtjanst.documentation.v1.DocumentationService/RecordParticipation", touched, "OK");

        // The access event cannot be written (a NOT NULL column left null): the participation is not written either.
        var failing = new Audit.AuditJournal((touched, _) => Event(touched, null!), "ps:administrator", "Test");
        await Assert.ThrowsAnyAsync<Exception>(() => store.RecordAsync(code, Guid.NewGuid().ToString(), "krisstod", resource, Row("2025-10-01"), failing, CancellationToken.None));
        Assert.Empty(await store.PeriodAsync(code, "krisstod", "2025-01-01", "2025-12-31", CancellationToken.None));
        Assert.Equal(0, await EventsAsync());

        var journal = new Audit.AuditJournal((touched, _) => Event(touched, "ps:handlaggare"), "ps:administrator", "Test");
        Assert.True(await store.RecordAsync(code, Guid.NewGuid().ToString(), "krisstod", resource, Row("2025-10-01"), journal, CancellationToken.None));
        Assert.Single(await store.PeriodAsync(code, "krisstod", "2025-01-01", "2025-12-31", CancellationToken.None));
        Assert.Equal(1, await EventsAsync());
    }

    [SkippableFact]
    public async Task Record_IsIdempotent_AndAReportStaysInItsKommunAndPeriod()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var (mine, theirs) = ("7" + Random.Shared.Next(100, 999), "8" + Random.Shared.Next(100, 999));
        var requestId = Guid.NewGuid().ToString();
        Assert.True(await store.RecordAsync(mine, requestId, "krisstod", $"municipalities/{mine}/interventions/krisstod", Row("2025-10-01"), journal: null, CancellationToken.None));
        Assert.False(await store.RecordAsync(mine, requestId, "krisstod", $"municipalities/{mine}/interventions/krisstod", Row("2025-10-01"), journal: null, CancellationToken.None));
        Assert.True(await store.RecordAsync(mine, Guid.NewGuid().ToString(), "krisstod", $"municipalities/{mine}/interventions/krisstod", Row("2026-01-01"), journal: null, CancellationToken.None));
        Assert.True(await store.RecordAsync(theirs, Guid.NewGuid().ToString(), "krisstod", $"municipalities/{theirs}/interventions/krisstod", Row("2025-10-01"), journal: null, CancellationToken.None));

        var rows = await store.PeriodAsync(mine, "krisstod", "2025-01-01", "2025-12-31", CancellationToken.None);
        var row = Assert.Single(rows);
        Assert.Equal((2L, 1L, 3L, 4L), (row.AgeBand, row.Gender, row.WellbeingStart, row.WellbeingEnd));
        Assert.Empty(await store.PeriodAsync(mine, "annat", "2025-01-01", "2025-12-31", CancellationToken.None));
    }
}

public sealed class SqliteParticipationStoreTests : ParticipationStoreContract, IDisposable
{
    private readonly string file = Hosts.TempPath("documentation-store", ".db");

    protected override DatabaseOptions Options => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };

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
public sealed class SqlServerParticipationStoreTests : ParticipationStoreContract
{
    protected override DatabaseOptions Options => SqlServer.Options;

    protected override void SkipUnlessConfigured() => SqlServer.SkipUnlessConfigured();
}

/// <summary>PostgreSQL, production: runs when SOCIALTJANST_TEST_POSTGRES holds a connection string (`.ci/run` sets it).</summary>
[Trait("Database", "PostgreSql")]
public sealed class PostgreSqlParticipationStoreTests : ParticipationStoreContract
{
    protected override DatabaseOptions Options => PostgreSql.Options;

    protected override void SkipUnlessConfigured() => PostgreSql.SkipUnlessConfigured();
}

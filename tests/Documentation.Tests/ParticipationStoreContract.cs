using Socialtjanst.Documentation.Storage;
using Socialtjanst.Hosting.Data;

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
    public async Task Record_IsIdempotent_AndAReportStaysInItsKommunAndPeriod()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var (mine, theirs) = ("7" + Random.Shared.Next(100, 999), "8" + Random.Shared.Next(100, 999));
        var requestId = Guid.NewGuid().ToString();
        Assert.True(await store.RecordAsync(mine, requestId, "krisstod", Row("2025-10-01"), CancellationToken.None));
        Assert.False(await store.RecordAsync(mine, requestId, "krisstod", Row("2025-10-01"), CancellationToken.None));
        Assert.True(await store.RecordAsync(mine, Guid.NewGuid().ToString(), "krisstod", Row("2026-01-01"), CancellationToken.None));
        Assert.True(await store.RecordAsync(theirs, Guid.NewGuid().ToString(), "krisstod", Row("2025-10-01"), CancellationToken.None));

        var rows = await store.PeriodAsync(mine, "krisstod", "2025-01-01", "2025-12-31", CancellationToken.None);
        var row = Assert.Single(rows);
        Assert.Equal((2L, 1L, 3L, 4L), (row.AgeBand, row.Gender, row.WellbeingStart, row.WellbeingEnd));
        Assert.Empty(await store.PeriodAsync(mine, "annat", "2025-01-01", "2025-12-31", CancellationToken.None));
    }
}

public sealed class SqliteParticipationStoreTests : ParticipationStoreContract, IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"documentation-store-{Guid.NewGuid():N}.db");

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

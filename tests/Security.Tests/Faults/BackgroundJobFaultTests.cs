using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Socialtjanst.Audit;
using Socialtjanst.Data;

namespace Socialtjanst.Security.Tests.Faults;

/// <summary>A background job whose database fails a round says so and tries again; it does not end.</summary>
public sealed class BackgroundJobFaultTests : IDisposable
{
    private readonly string directory = Hosts.TempPath("purge-fault");

    [Fact]
    public async Task TheAuditPurge_OutlivesADatabaseThatFails_AndPurgesOnceItIsBack()
    {
        Directory.CreateDirectory(directory);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(directory, "audit.db")}" };
        var db = new DbConnectionFactory(options);
        var store = new AuditStore(db);
        var lines = new ConcurrentQueue<string>();
        using var logs = LoggerFactory.Create(b => b.AddProvider(new CapturingLoggerProvider(lines)).SetMinimumLevel(LogLevel.Trace));
        var log = new AuditLog(store, new AuditOptions { RetentionDays = 1, PurgeInterval = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, new JobLeases(db), logs.CreateLogger<AuditLog>());

        // No tables yet: every round fails (no job_lease, no audit_event).
        await log.StartAsync(CancellationToken.None);
        try
        {
            await Hosts.WaitUntil(() => lines.Count(l => l.Contains("Purging expired audit events failed", StringComparison.Ordinal)) >= 2, TimeSpan.FromSeconds(10));
            Assert.All(lines, l => Assert.DoesNotContain("no such table", l, StringComparison.OrdinalIgnoreCase)); // by type, never the message

            // The database comes back: an event past retention is purged by a later round of the same loop.
            Migrations.Run(options, typeof(AuditStore).Assembly);
            var old = new AuditEntry(0, "2514", DateTimeOffset.UtcNow.AddDays(-3), "s", "u", "Test", "/t/M", "municipalities/2514/x", "OK");
            await store.AppendAsync([old], CancellationToken.None);
            await Hosts.WaitUntil(() => lines.Any(l => l.Contains("Deleted 1 audit events", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
        }
        finally
        {
            await log.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

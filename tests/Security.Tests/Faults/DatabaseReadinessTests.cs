using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Data;

namespace Socialtjanst.Security.Tests.Faults;

/// <summary>
/// A replica that cannot reach its database turns readiness NOT_SERVING (so it leaves the Service's
/// endpoints) and says why in one line, by the error's type and number; it is ready again, and says so,
/// once the database is back. Liveness never depends on the database.
/// </summary>
public sealed class DatabaseReadinessTests
{
    [Fact]
    public async Task ADatabaseThatCannotBeOpened_TurnsReadinessOff_AndSaysWhyOnce_ThenBackOn()
    {
        await using var stack = await SuiteStack.StartAsync();
        var file = new SqliteConnectionStringBuilder(stack.Services("Documentation").GetRequiredService<DatabaseOptions>().ConnectionString).DataSource;
        using var http = new HttpClient { BaseAddress = new Uri(stack.Addresses["Documentation"]), DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready"));

        // The database becomes unreadable: its file's header is overwritten (Documentation's database is quiet
        // between calls, so nothing writes page 1 meanwhile), and every pooled connection is closed.
        SqliteConnection.ClearAllPools();
        var header = new byte[16];
        await using (var stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            await stream.ReadExactlyAsync(header);
            stream.Position = 0;
            await stream.WriteAsync(new byte[16]);
        }

        try
        {
            SqliteConnection.ClearAllPools();
            for (var i = 0; i < 3; i++)
            {
                var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            Assert.Equal("Healthy", await http.GetStringAsync("/health/live"));
            var down = stack.Logs.Where(l => l.Contains("Not ready: the database does not answer", StringComparison.Ordinal)).ToList();
            Assert.Single(down);
            Assert.Contains("(SqliteException 26/", down[0], StringComparison.Ordinal); // SQLITE_NOTADB, by number, nothing else
        }
        finally
        {
            await using var stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            await stream.WriteAsync(header);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready"));
        Assert.Contains(stack.Logs, l => l.Contains("Ready again: the database answers", StringComparison.Ordinal));
    }
}

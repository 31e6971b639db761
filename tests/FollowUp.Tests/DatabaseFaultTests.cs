using Microsoft.Data.Sqlite;
using Socialtjanst.Data;
using Socialtjanst.FollowUp.V1;

namespace Socialtjanst.FollowUp.Tests;

/// <summary>
/// A database that is busy (another writer holds it past the wait) is a passing fault: the client gets
/// UNAVAILABLE, which it retries, not INTERNAL; the retry with the same request id writes once.
/// </summary>
public sealed class DatabaseFaultTests
{
    [Fact]
    public async Task ABusyDatabase_IsUnavailable_AndTheRetryWritesOnce()
    {
        await using var catalog = await CatalogHost.StartAsync();
        var directory = Hosts.NewDirectory("followup-busy");
        var file = Path.Combine(directory, "followup.db");
        await using var followUp = await FollowUpHost.StartAsync(catalog, settings: new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={file};Default Timeout=1",
            ["Database:SqliteBusyTimeout"] = "00:00:00.200",
        });
        var client = followUp.ClientFor("2514");
        var request = new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = Guid.NewGuid().ToString(),
            Decision = new Decision { CaseReference = "KX-BUSY-1", Intervention = "municipalities/2514/interventions/oppenvard-vuxna", DecisionDate = D.Of(2025, 9, 1) },
        };

        // Another process's writer holds the database past the wait (1 s). The failed call's access event waits
        // for the database too (an audited call answers once its event is committed), so the holder lets go
        // after the write has given up, and before the answer.
        Task<RegisterDecisionResponse> call;
        await using (var holder = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
            call = client.RegisterDecisionAsync(request, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.DoesNotContain("locked", ex.Status.Detail, StringComparison.OrdinalIgnoreCase);

        var first = (await client.RegisterDecisionAsync(request)).Decision;
        var again = (await client.RegisterDecisionAsync(request)).Decision;
        Assert.Equal(first, again);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void OnlyPassingFaults_AreRetryable()
    {
        Assert.Equal(DatabaseFault.Unavailable, DatabaseFaults.KindOf(new SqliteException("busy", 5)));
        Assert.Equal(DatabaseFault.Unavailable, DatabaseFaults.KindOf(new SqliteException("locked", 6)));
        Assert.Null(DatabaseFaults.KindOf(new SqliteException("constraint", 19)));
        Assert.Null(DatabaseFaults.KindOf(new InvalidOperationException()));
        Assert.Equal("SqliteException 5/5", DatabaseFaults.Describe(new SqliteException("database is locked: secret value", 5)));
    }
}

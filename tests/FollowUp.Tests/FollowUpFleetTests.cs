using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Data;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.V1;

namespace Socialtjanst.FollowUp.Tests;

/// <summary>
/// Two Catalog and two FollowUp instances, each pair over one database (SQLite files in WAL mode; each
/// instance its own host, container and connection pool, as pods are): FollowUp A reads its catalog from
/// Catalog A, FollowUp B from Catalog B.
/// </summary>
public sealed class FollowUpFleetTests : IAsyncLifetime
{
    private readonly string shared = Hosts.NewDirectory("followup-fleet");
    private CatalogHost catalogA = null!;
    private CatalogHost catalogB = null!;
    private FollowUpHost a = null!;
    private FollowUpHost b = null!;
    private bool catalogBStopped;

    private string Database => Path.Combine(shared, "followup.db");

    public async Task InitializeAsync()
    {
        catalogA = await CatalogHost.StartAsync();
        catalogB = await CatalogHost.StartAsync(seed: false, auth: catalogA.Auth, directory: catalogA.Directory);
        var settings = new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={Database}" };
        a = await FollowUpHost.StartAsync(catalogA, settings: settings);
        b = await FollowUpHost.StartAsync(catalogB, settings: settings);
    }

    public async Task DisposeAsync()
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
        if (!catalogBStopped)
        {
            await catalogB.StopAsync();
        }

        await catalogA.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(shared, recursive: true);
    }

    private static int registered;

    // A fixed shape of case reference: a random one can look like a date or a name, which the kommun's rules refuse.
    private static RegisterDecisionRequest Registration(string requestId, int day = 15) => new()
    {
        Parent = "municipalities/2514",
        RequestId = requestId,
        Decision = new Decision { CaseReference = "KX-FLEET-" + Interlocked.Increment(ref registered).ToString(System.Globalization.CultureInfo.InvariantCulture), Intervention = "municipalities/2514/interventions/oppenvard-vuxna", DecisionDate = D.Of(2025, 9, day) },
    };

    private async Task<string?> LeaseHolderAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Database}");
        return await connection.ExecuteScalarAsync<string?>("SELECT holder FROM job_lease WHERE name = @name", new { name = Rescheduler.Lease });
    }

    private static string Holder(FollowUpHost host) => host.Services.GetRequiredService<JobLeases>().Holder;

    [Fact]
    public async Task TheSameRequest_OnBothReplicasAtOnce_IsOneDecision_AndBothAnswerIt()
    {
        for (var round = 0; round < 5; round++)
        {
            var request = Registration(Guid.NewGuid().ToString());
            var answers = await Task.WhenAll(
                a.ClientFor("2514").RegisterDecisionAsync(request).ResponseAsync,
                b.ClientFor("2514").RegisterDecisionAsync(request).ResponseAsync);
            Assert.Equal(answers[0].Decision, answers[1].Decision);
            Assert.Equal(answers[0].Decision, (await b.ClientFor("2514").GetDecisionAsync(new GetDecisionRequest { Name = answers[0].Decision.Name })).Decision);
        }
    }

    [Fact]
    public async Task TheRescheduler_RunsOnOneReplica_AndOneWhoseCatalogLags_NeitherHoldsItNorUndoesIt()
    {
        // One holder, and it stays the holder (no flip-flop between replicas).
        await Hosts.WaitUntil(() => LeaseHolderAsync().GetAwaiter().GetResult() is not null, TimeSpan.FromSeconds(15));
        var first = await LeaseHolderAsync();
        Assert.Contains(first, new[] { Holder(a), Holder(b) });
        await Task.Delay(Rescheduler.Interval * 2);
        Assert.Equal(first, await LeaseHolderAsync());

        // B's catalog goes away: its copy lags from now on.
        await catalogB.StopAsync();
        catalogBStopped = true;
        var replicaB = b.Services.GetRequiredService<CatalogReplica.CatalogReplica>();
        await Hosts.WaitUntil(() => !replicaB.IsLive("2514"), TimeSpan.FromSeconds(15));
        var onB = (await b.ClientFor("2514").RegisterDecisionAsync(Registration(Guid.NewGuid().ToString()))).Decision;
        Assert.Equal(D.Of(2026, 3, 15), onB.NextFollowUpDue); // the kommun's rules: every 6 months

        // The nämnd shortens the interval; only Catalog A (and so FollowUp A) knows.
        var changed = SeedFiles.Read(SeedFiles.Kalix2025).Replace("follow_up_interval_months: 6", "follow_up_interval_months: 3", StringComparison.Ordinal);
        await catalogA.ClientFor("2514").ImportCatalogAsync(new Catalog.V1.ImportCatalogRequest { Parent = "municipalities/2514", Content = changed });

        // A takes the lease (B, not live, stands by) and brings B's decision up to the new rules.
        async Task<Decision> Read(string name) => (await a.ClientFor("2514").GetDecisionAsync(new GetDecisionRequest { Name = name })).Decision;
        await Hosts.WaitUntil(() => Read(onB.Name).GetAwaiter().GetResult().NextFollowUpDue.Equals(D.Of(2025, 12, 15)), TimeSpan.FromSeconds(30));
        Assert.Equal(Holder(a), await LeaseHolderAsync());

        // A decision registered on the lagging replica after the change gets the old schedule first, then is caught up.
        var late = (await b.ClientFor("2514").RegisterDecisionAsync(Registration(Guid.NewGuid().ToString(), day: 16))).Decision;
        Assert.Equal(D.Of(2026, 3, 16), late.NextFollowUpDue);
        await Hosts.WaitUntil(() => Read(late.Name).GetAwaiter().GetResult().NextFollowUpDue.Equals(D.Of(2025, 12, 16)), TimeSpan.FromSeconds(15));

        // And stays there: the lagging replica never writes the old rules back.
        await Task.Delay(Rescheduler.Interval * 2);
        Assert.Equal(D.Of(2025, 12, 15), (await Read(onB.Name)).NextFollowUpDue);
        Assert.Equal(D.Of(2025, 12, 16), (await Read(late.Name)).NextFollowUpDue);
    }
}

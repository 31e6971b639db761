using Google.Protobuf.WellKnownTypes;
using Grpc.Health.V1;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.V1;
using Socialtjanst.FollowUp.V1;

namespace Socialtjanst.Security.Tests.Faults;

/// <summary>
/// The Catalog's process goes away: Documentation and FollowUp keep answering from their
/// last-known-good copies (Eligibility's own test is in Eligibility.Tests), say so in health, and
/// catch up when the Catalog is back.
/// </summary>
public sealed class CatalogOutageTests : IAsyncDisposable
{
    private readonly string state = Hosts.TempPath("outage");
    private readonly List<IAsyncDisposable> hosts = [];

    private const string Insats = "municipalities/2514/interventions/bra-samtal";

    [Fact]
    public async Task CatalogDown_DocumentationAndFollowUpKeepAnswering_AndCatchUp()
    {
        var catalog = await CatalogHost.StartAsync();
        var port = new Uri(catalog.Address).Port;
        var documentation = await DocumentationHost.StartAsync(catalog, Path.Combine(state, "documentation"));
        hosts.Add(documentation);
        var followUp = await FollowUpHost.StartAsync(catalog);
        hosts.Add(followUp);
        var notes = documentation.ClientFor("2514");
        var decisions = followUp.ClientFor("2514");
        var revision = (await notes.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = Insats, AsOf = D.Of(2025, 10, 1) })).CatalogRevision;

        await catalog.StopAsync();
        await Hosts.WaitUntil(() => !documentation.Replica.IsLive("2514"));

        // Documentation answers from its copy and says the freshness check is failing.
        var policy = await notes.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = Insats, AsOf = D.Of(2025, 10, 1) });
        Assert.Equal(revision, policy.CatalogRevision);
        var review = await notes.ReviewRecordAsync(new ReviewRecordRequest { Intervention = Insats, AsOf = D.Of(2025, 10, 1), Text = "Samtal om veckan." });
        Assert.True(review.Accepted);
        var health = new Health.HealthClient(documentation.Channel());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = "socialtjanst.catalog.replica" })).Status);

        // FollowUp registers decisions on the rules it has.
        var registered = await decisions.RegisterDecisionAsync(new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = Guid.NewGuid().ToString(),
            Decision = new FollowUp.V1.Decision { CaseReference = "KX-AVBROTT-1", Intervention = "municipalities/2514/interventions/oppenvard-vuxna", DecisionDate = D.Of(2025, 9, 1) },
        });
        Assert.NotNull(registered.Decision.NextFollowUpDue); // scheduled on the rules of the last-known-good copy

        // The Catalog returns on the same port with the same database, and the nämnd changes the insats.
        var back = await CatalogHost.StartAsync(auth: catalog.Auth, directory: catalog.Directory, port: port);
        hosts.Insert(0, back);
        // The replica retries with a backoff that doubles up to CatalogReplica:MaxBackoff (15 s, with jitter) during the
        // outage, so it may take that long to come back, plus the stream's start on a loaded machine (CI met 20 s once).
        await Hosts.WaitUntil(() => documentation.Replica.IsLive("2514"), TimeSpan.FromSeconds(45));
        var current = (await back.ClientFor("2514").GetInterventionAsync(new GetInterventionRequest { Name = Insats, AsOf = D.Of(2025, 10, 1) })).Intervention;
        var updated = (await back.ClientFor("2514").UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = current.With(i => i.Content = current.Content + " Ändrad efter avbrottet."),
            UpdateMask = new FieldMask { Paths = { "content" } },
        })).Intervention;
        await documentation.Replica.WaitForRevisionAsync("2514", updated.Revision, TimeSpan.FromSeconds(15));
        Assert.Equal(updated.Revision, (await notes.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = Insats, AsOf = D.Of(2025, 10, 1) })).CatalogRevision);
        // Every kommun's stream, not only Kalix's: each has its own backoff from the outage (up to 15 s with jitter), so
        // the last may come back as late as Kalix's did (a CI run met the 20 s default here).
        await Hosts.WaitUntil(() => documentation.Replica.AllLive, TimeSpan.FromSeconds(45));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "socialtjanst.catalog.replica" })).Status);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
    }
}

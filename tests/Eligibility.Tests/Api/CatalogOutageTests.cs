using Google.Protobuf.WellKnownTypes;
using Grpc.Health.V1;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// Eligibility answers from its last-known-good catalog while the Catalog is down, also across
/// its own restart, reports it, and catches up when the Catalog returns.
/// </summary>
public sealed class CatalogOutageTests : IAsyncDisposable
{
    private readonly string state = Hosts.TempPath("eligibility-outage");
    private readonly List<IAsyncDisposable> hosts = [];

    private static CheckEligibilityRequest Krisstod() => new()
    {
        Intervention = "municipalities/9999/interventions/krisstod",
        AsOf = D.Of(2025, 10, 1),
        Facts = new Facts { StatedAge = 40 },
    };

    [Fact]
    public async Task CatalogDown_EligibilityKeepsAnswering_AcrossItsOwnRestart_AndCatchesUp()
    {
        var catalog = await CatalogHost.StartAsync();
        var port = new Uri(catalog.Address).Port;
        var eligibility = await EligibilityHost.StartAsync(catalog, state);
        var revision = (await eligibility.ClientFor("9999").CheckEligibilityAsync(Krisstod())).CatalogRevision;

        // The Catalog goes away.
        await catalog.StopAsync();
        await Hosts.WaitUntil(() => !eligibility.Replica.IsLive("9999"));
        var during = await eligibility.ClientFor("9999").CheckEligibilityAsync(Krisstod());
        Assert.Equal(Outcome.Eligible, during.Outcome);
        Assert.Equal(revision, during.CatalogRevision);
        Assert.True(during.CatalogMayBeStale);
        var questions = await eligibility.ClientFor("9999").ListQuestionsAsync(new ListQuestionsRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1) });
        Assert.NotEmpty(questions.Questions); // from the copy in memory: no Catalog call per request
        Assert.Equal(revision, questions.CatalogRevision);
        var health = new Health.HealthClient(eligibility.Channel());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = "socialtjanst.catalog.replica" })).Status);

        // Eligibility restarts while the Catalog is still down: it answers from disk.
        await eligibility.DisposeAsync();
        var restarted = await EligibilityHost.StartAsync(catalog, state, waitForCatalog: false);
        hosts.Add(restarted);
        var fromDisk = await restarted.ClientFor("9999").CheckEligibilityAsync(Krisstod());
        Assert.Equal(Outcome.Eligible, fromDisk.Outcome);
        Assert.Equal(revision, fromDisk.CatalogRevision);

        // The Catalog returns on the same port with the same database, and a change is made.
        var back = await CatalogHost.StartAsync(auth: catalog.Auth, directory: catalog.Directory, port: port);
        hosts.Add(back);
        await Hosts.WaitUntil(() => restarted.Replica.IsLive("9999"));
        var current = (await back.ClientFor("9999").GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/9999/interventions/krisstod", AsOf = D.Of(2025, 10, 1) })).Intervention;
        var updated = (await back.ClientFor("9999").UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = current.With(i => i.Conditions = new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = 50 } }),
            UpdateMask = new FieldMask { Paths = { "conditions" } },
        })).Intervention;
        await restarted.Replica.WaitForRevisionAsync("9999", updated.Revision, TimeSpan.FromSeconds(10));

        var after = await restarted.ClientFor("9999").CheckEligibilityAsync(Krisstod());
        Assert.Equal(Outcome.NotEligible, after.Outcome);
        Assert.False(after.CatalogMayBeStale);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts.AsEnumerable().Reverse())
        {
            await host.DisposeAsync();
        }

        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
    }
}

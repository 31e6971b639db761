using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>
/// A write is planned against the instance's cached catalog and committed only if no other write came between.
/// Here instance B does not poll while the test runs (ten minutes between looks, the longest allowed), so its copy is behind whenever A has written: B's writes
/// must still land on what A wrote, never over it, and be refused only for reasons that hold in the database.
/// </summary>
public sealed class CatalogWriteConflictTests : IAsyncLifetime
{
    private CatalogHost a = null!;
    private CatalogHost b = null!;

    public async Task InitializeAsync()
    {
        a = await CatalogHost.StartAsync();
        b = await CatalogHost.StartAsync(seed: false, auth: a.Auth, directory: a.Directory, settings: new Dictionary<string, string?> { ["Catalog:Fleet:ChangePollInterval"] = "00:10:00" });
        await Kalix(b).ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" }); // B holds a copy from now on
    }

    public async Task DisposeAsync()
    {
        await b.StopAsync();
        await a.DisposeAsync();
    }

    private static CatalogService.CatalogServiceClient Kalix(CatalogHost host) => host.ClientFor("2514", "catalog.read", "catalog.write");

    private static CreateInterventionRequest Create(string id) => new()
    {
        Parent = "municipalities/2514", InterventionId = id, RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling(id: id),
    };

    [Fact]
    public async Task AnUpdateOnAnInstanceThatHasNotSeenTheInsats_IsPlannedAgainOnWhatTheOtherWrote()
    {
        var created = (await Kalix(a).CreateInterventionAsync(Create("ny-hos-a"))).Intervention;
        var behind = (await b.Services.GetRequiredService<CatalogCache>().GetAsync("2514", CancellationToken.None)).Revision;
        Assert.True(behind < created.Revision, "B's copy was expected to be behind A's write");

        var patch = created.Clone();
        patch.DisplayName = "Samtal (ändrat på B)";
        var updated = (await Kalix(b).UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = patch, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "display_name" } } })).Intervention;

        Assert.Equal(created.Revision + 1, updated.Revision);
        Assert.Equal("Samtal (ändrat på B)", updated.DisplayName);
        Assert.Equal(created.Content, updated.Content);

        // An etag that is stale in the database stays refused (ABORTED), however current B now is.
        var stale = await Assert.ThrowsAsync<RpcException>(() => Kalix(b).UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = patch, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "display_name" } } }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
    }

    [Fact]
    public async Task WritesOnBothInstancesAtOnce_AllLand_EachUnderItsOwnRevision_AndNoneIsLost()
    {
        var start = (await Kalix(a).ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" })).Revision;
        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Kalix(i % 2 == 0 ? a : b).CreateInterventionAsync(Create($"samtidigt-{i}")).ResponseAsync));

        var revisions = created.Select(c => c.Intervention.Revision).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 24).Select(i => start + i), revisions);
        var store = a.Services.GetRequiredService<CatalogStore>();
        var (revision, versions, _) = await store.LoadCurrentAsync("2514", CancellationToken.None);
        Assert.Equal(start + 24, revision);
        Assert.All(created, c => Assert.Contains(versions, v => v.VersionId == c.Intervention.VersionId && v.Revision == c.Intervention.Revision));

        // Both copies, once caught up, are the database's catalog.
        foreach (var host in new[] { a, b })
        {
            var snapshot = await host.Services.GetRequiredService<CatalogCache>().CatchUpAsync("2514", CancellationToken.None);
            Assert.Equal(revision, snapshot.Revision);
            Assert.Equal(versions.Select(v => v.VersionId).Order(StringComparer.Ordinal), snapshot.Versions.Select(v => v.VersionId).Order(StringComparer.Ordinal));
        }
    }
}

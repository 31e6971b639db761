using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>One kommun can neither read nor change another's catalog, and learns nothing from trying.</summary>
public sealed class CatalogTenancyTests : IAsyncLifetime
{
    private CatalogHost host = null!;

    public async Task InitializeAsync() => host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private CatalogService.CatalogServiceClient Alingsas => host.ClientFor("1489");

    private static async Task AssertDenied(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.DoesNotContain("2514", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_OfAnotherKommun_AreDenied_WhetherOrNotTheInsatsExists()
    {
        await AssertDenied(() => Alingsas.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1) }).ResponseAsync);
        await AssertDenied(() => Alingsas.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/finns-inte", AsOf = D.Of(2025, 10, 1) }).ResponseAsync);
        await AssertDenied(() => Alingsas.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" }).ResponseAsync);
        await AssertDenied(() => Alingsas.GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest { Name = "municipalities/2514/rules" }).ResponseAsync);
        await AssertDenied(async () =>
        {
            using var watch = Alingsas.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" });
            await watch.ResponseStream.MoveNext();
        });
    }

    [Fact]
    public async Task Writes_ToAnotherKommun_AreDenied_AndChangeNothing()
    {
        var kalix = host.ClientFor("2514");
        var before = await kalix.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1), PageSize = 200 });
        var bra = (await kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1) })).Intervention;

        await AssertDenied(() => Alingsas.CreateInterventionAsync(new CreateInterventionRequest { Parent = "municipalities/2514", InterventionId = "intrang", RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling() }).ResponseAsync);
        await AssertDenied(() => Alingsas.UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = bra.With(i => i.DisplayName = "Kapat") }).ResponseAsync);
        await AssertDenied(() => Alingsas.RetireInterventionAsync(new RetireInterventionRequest { Name = bra.Name, LastDay = D.Of(2025, 10, 1), Etag = bra.Etag }).ResponseAsync);
        await AssertDenied(() => Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/2514", Content = SeedFiles.Read(SeedFiles.Kalix2025) }).ResponseAsync);
        await AssertDenied(() => Alingsas.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/2514", Content = SeedFiles.Read(SeedFiles.Kalix2025) }).ResponseAsync);

        var after = await kalix.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1), PageSize = 200 });
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task AnInsatsInTheCallersKommun_CannotNameAnotherKommunsConditionsAway()
    {
        // The caller's own resource names decide the tenant: the body's name field is ignored on create.
        var created = (await Alingsas.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/1489",
            InterventionId = "eget",
            RequestId = Guid.NewGuid().ToString(),
            Intervention = Sample.Counselling("2514", "kapat"),
        })).Intervention;
        Assert.Equal("municipalities/1489/interventions/eget", created.Name);
        var kalix = host.ClientFor("2514");
        var ex = await Assert.ThrowsAsync<RpcException>(() => kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/kapat", AsOf = D.Of(2025, 10, 1) }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task ReplicationScope_WatchesAnyKommun_ButReadsNothingElseAcrossKommuner()
    {
        var service = host.ClientFor("0000", "catalog.replicate");
        var kommuner = await service.ListMunicipalitiesAsync(new ListMunicipalitiesRequest());
        Assert.Equal(["municipalities/1489", "municipalities/2514", "municipalities/9999"], kommuner.Municipalities.Select(m => m.Name).ToArray());

        using var watch = service.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" });
        Assert.True(await watch.ResponseStream.MoveNext());

        await AssertDenied(() => service.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal" }).ResponseAsync);
        await AssertDenied(() => service.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" }).ResponseAsync);
    }

    [Fact]
    public async Task ReplicationScope_OnAKommunsToken_CountsForNothing_OnlyThePlatformIdentitysDoes()
    {
        var kommun = host.ClientFor("1489", "catalog.replicate", "catalog.read");
        var list = await Assert.ThrowsAsync<RpcException>(() => kommun.ListMunicipalitiesAsync(new ListMunicipalitiesRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, list.StatusCode);
        await AssertDenied(async () =>
        {
            using var watch = kommun.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" });
            await watch.ResponseStream.MoveNext();
        });
        using var own = kommun.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/1489" });
        Assert.True(await own.ResponseStream.MoveNext()); // its own catalog, read as catalog.read allows
    }

    [Fact]
    public async Task ListMunicipalities_WithoutReplicationScope_IsDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Alingsas.ListMunicipalitiesAsync(new ListMunicipalitiesRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }
}

using Google.Protobuf.WellKnownTypes;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Storage;

/// <summary>
/// The seed import at start (the embedded default, docker-compose) fills kommuner that have no catalog and leaves the
/// others as their nämnd edited them: a restart must not put the seed's texts back.
/// </summary>
public sealed class SeedTests
{
    [Fact]
    public async Task ARestartWithSeedsOn_KeepsTheNamndsEdit_AndOverwriteIsADeliberateReset()
    {
        var directory = Hosts.NewDirectory("seed-restart");
        var name = "municipalities/2514/interventions/bra-samtal";
        string edited;
        var first = await CatalogHost.StartAsync(directory: directory);
        {
            var kalix = first.ClientFor("2514");
            var current = (await kalix.GetInterventionAsync(new GetInterventionRequest { Name = name })).Intervention;
            current.DisplayName = edited = "Bra samtal (nämndens namn)";
            await kalix.UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = current, UpdateMask = new FieldMask { Paths = { "display_name" } } });
            Assert.Equal(edited, (await kalix.GetInterventionAsync(new GetInterventionRequest { Name = name })).Intervention.DisplayName);
            await first.StopAsync(); // stopped, its database kept (disposing would delete its folder)
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var restarted = await CatalogHost.StartAsync(directory: directory);
        Assert.Equal(edited, (await restarted.ClientFor("2514").GetInterventionAsync(new GetInterventionRequest { Name = name })).Intervention.DisplayName);
        await restarted.StopAsync();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var reset = await CatalogHost.StartAsync(directory: directory, settings: new Dictionary<string, string?> { ["Catalog:Seed:Overwrite"] = "true" });
        Assert.NotEqual(edited, (await reset.ClientFor("2514").GetInterventionAsync(new GetInterventionRequest { Name = name })).Intervention.DisplayName);
    }
}

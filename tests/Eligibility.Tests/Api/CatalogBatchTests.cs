using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>A consumer of the catalog stream applies a batch of changes once and writes its copy to disk once.</summary>
public sealed class CatalogBatchTests : IAsyncDisposable
{
    private readonly string state = Hosts.TempPath("eligibility-batch");
    private CatalogHost? catalog;
    private EligibilityHost? eligibility;

    [Fact]
    public async Task AnImportOfManyInsatser_IsOneRevision_AppliedAndPersistedOnce()
    {
        catalog = await CatalogHost.StartAsync();
        eligibility = await EligibilityHost.StartAsync(catalog, state);
        var replica = eligibility.Replica;
        var before = replica.Persists;

        var content = SeedFiles.Read(SeedFiles.Alingsas).Replace("IUB-förteckning, avsnitt", "IUB-förteckning (rev. 2026), avsnitt", StringComparison.Ordinal);
        var report = (await catalog.ClientFor("1489").ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = content })).Report;
        Assert.True(report.Updated >= 15, $"the import changed {report.Updated} insatser");

        await replica.WaitForRevisionAsync("1489", report.Revision, TimeSpan.FromSeconds(10));
        Assert.Equal(report.Updated, replica.Get("1489")!.Versions.Count(v => v.SourceReference.Contains("(rev. 2026)", StringComparison.Ordinal)));
        Assert.Equal(1, replica.Persists - before);

        // The copy on disk is the new one: a restart answers from it.
        await eligibility.DisposeAsync();
        await catalog.StopAsync();
        eligibility = await EligibilityHost.StartAsync(catalog, state, waitForCatalog: false);
        Assert.Equal(report.Revision, eligibility.Replica.Get("1489")!.Revision);
    }

    public async ValueTask DisposeAsync()
    {
        if (eligibility is not null)
        {
            await eligibility.DisposeAsync();
        }

        if (catalog is not null)
        {
            await catalog.DisposeAsync();
        }

        try
        {
            Directory.Delete(state, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

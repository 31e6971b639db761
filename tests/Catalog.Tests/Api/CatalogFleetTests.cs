using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>
/// Two Catalog instances over one database (a SQLite file in WAL mode, each instance with its own host,
/// container, cache and connection pool, as two pods): what one writes, the other reads and streams.
/// </summary>
public sealed class CatalogFleetTests : IAsyncLifetime
{
    private CatalogHost a = null!;
    private CatalogHost b = null!;

    public async Task InitializeAsync()
    {
        a = await CatalogHost.StartAsync();
        b = await CatalogHost.StartAsync(seed: false, auth: a.Auth, directory: a.Directory);
    }

    public async Task DisposeAsync()
    {
        await b.StopAsync();
        await a.DisposeAsync();
    }

    private static CatalogService.CatalogServiceClient Kalix(CatalogHost host) => host.ClientFor("2514", "catalog.read", "catalog.write");

    [Fact]
    public async Task AWriteOnOneInstance_IsReadOnTheOther_WithItsRevision_AndNeverBehindIt()
    {
        var seen = (await Kalix(b).ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" })).Revision;
        var created = (await Kalix(a).CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/2514", InterventionId = "flotta-samtal", RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling(),
        })).Intervention;
        Assert.True(created.Revision > seen);

        // Read-your-writes: B answers at A's revision or later, however its poller is doing.
        var read = await Kalix(b).GetInterventionAsync(new GetInterventionRequest { Name = created.Name, AsOf = created.ValidFrom, MinRevision = created.Revision });
        Assert.Equal(created, read.Intervention);
        Assert.True(read.Revision >= created.Revision);
        var list = await Kalix(b).ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", MinRevision = created.Revision, PageSize = 200 });
        Assert.Contains(list.Interventions, i => i.Name == created.Name);

        // A client that passes the highest revision it saw never sees either instance go back.
        var highest = read.Revision;
        foreach (var host in new[] { a, b, a, b })
        {
            var rules = await Kalix(host).GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest { Name = "municipalities/2514/rules", MinRevision = highest });
            Assert.True(rules.Revision >= highest);
            highest = rules.Revision;
        }

        // A revision the catalog has not reached is a bad argument, named.
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix(b).GetInterventionAsync(new GetInterventionRequest { Name = created.Name, MinRevision = highest + 1000 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "min_revision");
    }

    [Fact]
    public async Task AWriteOnOneInstance_ReachesTheOthersWatchers_AsOneBatch_WithoutReloadingTheKommun()
    {
        var kalixB = Kalix(b);
        using var watch = kalixB.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" });
        while ((await Hosts.NextAsync(watch.ResponseStream)).SnapshotComplete is null)
        {
        }

        var loadsA = a.Services.GetRequiredService<CatalogCache>().WholeLoads;
        var loadsB = b.Services.GetRequiredService<CatalogCache>().WholeLoads;
        var changed = SeedFiles.Read(SeedFiles.Kalix2025).Replace("follow_up_interval_months: 6", "follow_up_interval_months: 4", StringComparison.Ordinal);
        var report = (await Kalix(a).ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/2514", Content = changed })).Report;
        Assert.Equal(1, report.Updated);

        var change = await Hosts.NextAsync(watch.ResponseStream);
        Assert.Equal(4, change.Rules.FollowUpIntervalMonths);
        Assert.Equal(report.Revision, change.Revision);
        var marker = await Hosts.NextAsync(watch.ResponseStream);
        Assert.NotNull(marker.ChangesComplete);
        Assert.Equal(report.Revision, marker.Revision);

        // Neither instance read the kommun's whole catalog again: A applied its own rows, B read the changed ones.
        Assert.Equal(loadsA, a.Services.GetRequiredService<CatalogCache>().WholeLoads);
        Assert.Equal(loadsB, b.Services.GetRequiredService<CatalogCache>().WholeLoads);
        Assert.Equal(report.Revision, (await b.Services.GetRequiredService<CatalogCache>().GetAsync("2514", CancellationToken.None)).Revision);
    }

    [Fact]
    public async Task AnIdleWatch_OnEitherInstance_DoesNotReadTheStore()
    {
        using var onA = Kalix(a).WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" });
        using var onB = Kalix(b).WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" });
        foreach (var watch in new[] { onA, onB })
        {
            while ((await Hosts.NextAsync(watch.ResponseStream)).SnapshotComplete is null)
            {
            }
        }

        var stores = new[] { a, b }.Select(h => h.Services.GetRequiredService<CatalogStore>()).ToArray();
        var before = stores.Select(s => s.ChangeReads).ToArray();
        await Task.Delay(CatalogFeed.QuietPoll + TimeSpan.FromSeconds(1)); // past a quiet stream's own wake-up
        Assert.Equal(before, stores.Select(s => s.ChangeReads).ToArray());
    }

    [Fact]
    public async Task WatchersKeepingUp_StreamEachWriteFromTheCachesLog_AndOnlyAResumeFromBeforeTheLogReadsTheStore()
    {
        var streams = new[] { a, a, a, b, b, b }.Select(h => Kalix(h).WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" })).ToList();
        foreach (var watch in streams)
        {
            while ((await Hosts.NextAsync(watch.ResponseStream)).SnapshotComplete is null)
            {
            }
        }

        var stores = new[] { a, b }.Select(h => h.Services.GetRequiredService<CatalogStore>()).ToArray();
        var before = stores.Select(s => s.ChangeReads).ToArray();
        var written = new List<Intervention>();
        for (var i = 0; i < 3; i++)
        {
            written.Add((await Kalix(a).CreateInterventionAsync(new CreateInterventionRequest
            {
                Parent = "municipalities/2514", InterventionId = $"logg-{i}", RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling(id: $"logg-{i}"),
            })).Intervention);
        }

        foreach (var watch in streams)
        {
            var seen = new List<Intervention>();
            while (seen.Count < written.Count)
            {
                if ((await Hosts.NextAsync(watch.ResponseStream)).Intervention is { } iv)
                {
                    seen.Add(iv);
                }
            }

            Assert.Equal(written, seen); // as written, in revision order, on the writer's instance and on the other
            watch.Dispose();
        }

        // Six streams, three writes: the writer's instance appended its own changes, the other read them once (its
        // poller's catch-up); no stream read the store.
        Assert.Equal(before, stores.Select(s => s.ChangeReads).ToArray());

        // A stream resuming from a revision before an instance's log begins reads the store once; from within it, not at all.
        foreach (var (host, store) in new[] { (a, stores[0]), (b, stores[1]) })
        {
            var reachesBack = host.Services.GetRequiredService<CatalogCache>().LogReachesBackTo("2514")!.Value;
            foreach (var since in new[] { 1L, reachesBack })
            {
                var reads = store.ChangeReads;
                using var resumed = Kalix(host).WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514", SinceRevision = since });
                var seen = new List<Intervention>();
                while (seen.Count < written.Count || !seen[^1].Equals(written[^1]))
                {
                    if ((await Hosts.NextAsync(resumed.ResponseStream)).Intervention is { } iv)
                    {
                        seen.Add(iv);
                    }
                }

                Assert.Equal(written, seen.TakeLast(written.Count));
                Assert.Equal(since < reachesBack ? 1 : 0, store.ChangeReads - reads);
            }
        }
    }
}

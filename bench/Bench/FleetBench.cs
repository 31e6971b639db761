using System.Globalization;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;

namespace Socialtjanst.Bench;

/// <summary>
/// Two Catalog instances over one database (the bench's SQLite file in WAL mode, or PostgreSQL with BENCH_POSTGRES): how long a write on A
/// takes to reach watchers streaming from B, and what idle streams cost the database.
/// </summary>
public static class FleetBench
{
    public static async Task RunAsync(BenchHost host, int watchers, int updates, TimeSpan idle)
    {
        var second = host.Build("Catalog"); // the same configuration: a second replica over the same database
        await second.StartAsync();
        try
        {
            var b = second.Address();
            // Writes fall anywhere in B's poll interval: random gaps of 20-200 ms.
            var storeB = second.Services.GetRequiredService<CatalogStore>();
            var feedReads = storeB.ChangeReads;
            var latencies = await CatalogBench.WatchLatencyAsync(host, b, watchers, updates, () => TimeSpan.FromMilliseconds(Random.Shared.Next(20, 200)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cross-replica watch (write on A, {watchers} streams on B): {latencies.Length} deliveries; p50 {Load.Percentile(latencies, 0.5):F1} ms, p99 {Load.Percentile(latencies, 0.99):F1} ms (target p99 <= 250 ms); change-feed reads of the store by B's streams {(storeB.ChangeReads - feedReads) / (double)updates:F2} per write"));
            await IdleReadsAsync(host, second.Services.GetRequiredService<CatalogStore>(), b, watchers, idle);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task IdleReadsAsync(BenchHost host, CatalogStore store, string b, int watchers, TimeSpan idle)
    {
        using var stop = new CancellationTokenSource();
        using var ready = new CountdownEvent(watchers);
        var streams = Enumerable.Range(0, watchers).Select(_ => Task.Run(async () =>
        {
            var client = new CatalogService.CatalogServiceClient(host.Invoker(b, "2514"));
            using var call = client.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" }, cancellationToken: stop.Token);
            try
            {
                while (await call.ResponseStream.MoveNext(stop.Token))
                {
                    if (call.ResponseStream.Current.SnapshotComplete is not null)
                    {
                        ready.Signal();
                    }
                }
            }
            catch (Grpc.Core.RpcException) when (stop.IsCancellationRequested)
            {
            }
        })).ToList();
        ready.Wait(TimeSpan.FromSeconds(30));
        var (feed, poll) = (store.ChangeReads, store.RevisionReads);
        await Task.Delay(idle);
        var minutes = idle.TotalMinutes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle: {watchers} streams on B for {idle.TotalSeconds:F0} s: change-feed reads {(store.ChangeReads - feed) / minutes / watchers:F2} per minute per stream; the instance's revision poll {(store.RevisionReads - poll) / minutes:F0} per minute in all (one small query, independent of streams)"));
        await stop.CancelAsync();
        await Task.WhenAll(streams);
    }
}

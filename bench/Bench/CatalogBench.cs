using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Socialtjanst.Bench.V1;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Bench;

/// <summary>The Catalog's figures: get against echo, and how fast a change reaches watchers.</summary>
public static class CatalogBench
{
    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration, int watchers, int updates)
    {
        var invoker = host.Invoker(host.CatalogAddress, "2514");
        var echo = new EchoService.EchoServiceClient(invoker);
        var catalog = new CatalogService.CatalogServiceClient(invoker);
        var payload = new EchoRequest { Payload = ByteString.CopyFrom(new byte[64]) };
        var get = new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal", AsOf = new Date { Year = 2025, Month = 10, Day = 1 } };

        Func<CancellationToken, Task> echoCall = async ct => await echo.EchoAsync(payload, cancellationToken: ct);
        Func<CancellationToken, Task> getCall = async ct => await catalog.GetInterventionAsync(get, cancellationToken: ct);

        await Versus.RunAsync("catalog get", echoCall, getCall, concurrency, duration);

        var latencies = await WatchLatencyAsync(host, host.CatalogAddress, watchers, updates, () => TimeSpan.FromMilliseconds(20));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"watch: {updates} updates x {watchers} watching streams = {latencies.Length} deliveries; p50 {Load.Percentile(latencies, 0.5):F2} ms, p99 {Load.Percentile(latencies, 0.99):F2} ms (target p99 <= 100 ms)"));
    }

    /// <summary>
    /// Time from just before an update is sent (to the bench's Catalog) to its arrival on each stream watching
    /// <paramref name="watchAddress"/> (the same Catalog, or another instance over its database); <paramref name="gap"/> between updates.
    /// </summary>
    public static async Task<long[]> WatchLatencyAsync(BenchHost host, string watchAddress, int watchers, int updates, Func<TimeSpan> gap)
    {
        var writer = new CatalogService.CatalogServiceClient(host.Invoker(host.CatalogAddress, "9999"));
        var sentAt = new ConcurrentDictionary<string, long>();
        var arrivals = new ConcurrentBag<long>();
        using var stop = new CancellationTokenSource();
        var ready = new CountdownEvent(watchers);
        var streams = Enumerable.Range(0, watchers).Select(_ => Task.Run(async () =>
        {
            var client = new CatalogService.CatalogServiceClient(host.Invoker(watchAddress, "9999"));
            using var call = client.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/9999" }, cancellationToken: stop.Token);
            try
            {
                while (await call.ResponseStream.MoveNext(stop.Token))
                {
                    var message = call.ResponseStream.Current;
                    if (message.SnapshotComplete is not null)
                    {
                        ready.Signal();
                    }
                    else if (message.Intervention is { } iv && sentAt.TryGetValue(iv.DisplayName, out var t0))
                    {
                        arrivals.Add(Stopwatch.GetTimestamp() - t0);
                    }
                }
            }
            catch (Grpc.Core.RpcException) when (stop.IsCancellationRequested)
            {
            }
        })).ToList();
        ready.Wait(TimeSpan.FromSeconds(30));

        var current = (await writer.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/9999/interventions/krisstod", AsOf = new Date { Year = 2025, Month = 10, Day = 1 } })).Intervention;
        for (var i = 0; i < updates; i++)
        {
            var label = $"Krisstöd {i}";
            sentAt[label] = Stopwatch.GetTimestamp();
            current.DisplayName = label;
            current = (await writer.UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = current, UpdateMask = new FieldMask { Paths = { "display_name" } } })).Intervention;
            await Task.Delay(gap());
        }

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (arrivals.Count < updates * watchers && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await Task.WhenAll(streams);
        if (arrivals.Count < updates * watchers)
        {
            Console.WriteLine($"watch: only {arrivals.Count} of {updates * watchers} deliveries arrived within 5 s");
        }

        return arrivals.Order().ToArray();
    }
}

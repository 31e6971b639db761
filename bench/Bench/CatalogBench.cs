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
        var invoker = host.Invoker("2514");
        var echo = new EchoService.EchoServiceClient(invoker);
        var catalog = new CatalogService.CatalogServiceClient(invoker);
        var payload = new EchoRequest { Payload = ByteString.CopyFrom(new byte[64]) };
        var get = new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal", AsOf = new Date { Year = 2025, Month = 10, Day = 1 } };

        Func<CancellationToken, Task> echoCall = async ct => await echo.EchoAsync(payload, cancellationToken: ct);
        Func<CancellationToken, Task> getCall = async ct => await catalog.GetInterventionAsync(get, cancellationToken: ct);

        for (var i = 0; i < 2; i++)
        {
            await Load.RunAsync("warm-up echo", concurrency, TimeSpan.FromSeconds(3), echoCall);
            await Load.RunAsync("warm-up get", concurrency, TimeSpan.FromSeconds(3), getCall);
        }

        // Interleaved rounds, so drift in the machine's state falls on both alike.
        var rounds = new List<LoadResult>();
        for (var i = 0; i < 3; i++)
        {
            rounds.Add(await Load.RunAsync("echo", concurrency, duration, echoCall));
            rounds.Add(await Load.RunAsync("catalog get", concurrency, duration, getCall));
        }

        Console.WriteLine($"| run | calls | errors | req/s | p50 ms | p99 ms |");
        Console.WriteLine($"|---|---|---|---|---|---|");
        foreach (var r in rounds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Calls} | {r.Errors} | {r.PerSecond:F0} | {r.P50Ms:F3} | {r.P99Ms:F3} |"));
        }

        var echoRate = Median(rounds.Where(r => r.Name == "echo").Select(r => r.PerSecond));
        var getRate = Median(rounds.Where(r => r.Name == "catalog get").Select(r => r.PerSecond));
        var echoP99 = Median(rounds.Where(r => r.Name == "echo").Select(r => r.P99Ms));
        var getP99 = Median(rounds.Where(r => r.Name == "catalog get").Select(r => r.P99Ms));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nmedian of rounds: catalog get {getRate:F0} req/s = {getRate / echoRate:P1} of echo {echoRate:F0} req/s (target >= 80 %); p99 {getP99:F3} ms = {getP99 / echoP99:F2}x echo's"));

        var latencies = await WatchLatencyAsync(host, watchers, updates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"watch: {updates} updates x {watchers} watching streams = {latencies.Length} deliveries; p50 {Load.Percentile(latencies, 0.5):F2} ms, p99 {Load.Percentile(latencies, 0.99):F2} ms (target p99 <= 100 ms)"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>Time from just before an update is sent to its arrival on each watching stream.</summary>
    private static async Task<long[]> WatchLatencyAsync(BenchHost host, int watchers, int updates)
    {
        var writer = new CatalogService.CatalogServiceClient(host.Invoker("9999"));
        var sentAt = new ConcurrentDictionary<string, long>();
        var arrivals = new ConcurrentBag<long>();
        using var stop = new CancellationTokenSource();
        var ready = new CountdownEvent(watchers);
        var streams = Enumerable.Range(0, watchers).Select(_ => Task.Run(async () =>
        {
            var client = new CatalogService.CatalogServiceClient(host.Invoker("9999"));
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
            await Task.Delay(20);
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

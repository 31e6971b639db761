using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Socialtjanst.Bench.V1;
using Socialtjanst.Data;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Bench;

/// <summary>
/// FollowUp's figures: batched against one-transaction-each registration, "due this week" over a
/// large SQLite database through the covering index, and the registration RPC against echo.
/// </summary>
public static class FollowUpBench
{
    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration, int scale)
    {
        await BatchVersusSingleAsync(host.Directory);
        await ScaleAsync(host.Directory, scale);

        var invoker = host.Invoker(host.FollowUpAddress, "2514");
        var echo = new EchoService.EchoServiceClient(invoker);
        var followUp = new FollowUpService.FollowUpServiceClient(invoker);
        var template = new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            Decision = new Decision
            {
                CaseReference = "KX-BENCH",
                Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
                DecisionDate = new Date { Year = 2025, Month = 9, Day = 1 },
            },
        };
        var payload = new EchoRequest { Payload = ByteString.CopyFrom(new byte[template.CalculateSize() + 36]) };
        await Versus.RunAsync("register decision", async ct => await echo.EchoAsync(payload, cancellationToken: ct), async ct =>
        {
            var request = template.Clone();
            request.RequestId = Guid.NewGuid().ToString();
            await followUp.RegisterDecisionAsync(request, cancellationToken: ct);
        }, concurrency, duration);
    }

    private static FollowUpStore Store(string path)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" };
        Migrations.Run(options, typeof(FollowUpStore).Assembly);
        return new FollowUpStore(new DbConnectionFactory(options));
    }

    private static DecisionRow Row(Random random, DateOnly firstDue) => new()
    {
        DecisionId = Guid.NewGuid().ToString("N"),
        CaseReference = "A-" + random.Next(),
        Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
        DecisionDate = "2025-01-01",
        Body = "{}",
        NextDue = firstDue.AddDays(random.Next(0, 730)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        NextDueReason = 1,
        Version = 1,
    };

    private static async Task BatchVersusSingleAsync(string directory)
    {
        const int n = 5000;
        var random = new Random(1);
        var start = new DateOnly(2025, 1, 1);

        // Warm both paths up (JIT, statement caches) on a database of their own.
        var warm = Store(Path.Combine(directory, "warm.db"));
        for (var i = 0; i < 200; i++)
        {
            var row = Row(random, start);
            await warm.WriteAsync("2514", journal: null, async w => { await w.InsertAsync(row, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);
        }

        var warmRows = Enumerable.Range(0, 2000).Select(_ => Row(random, start)).ToList();
        await warm.WriteAsync("2514", journal: null, async w => { await w.InsertManyAsync(warmRows, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);

        var single = Store(Path.Combine(directory, "single.db"));
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var row = Row(random, start);
            await single.WriteAsync("2514", journal: null, async w => { await w.InsertAsync(row, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);
        }

        var singleSeconds = sw.Elapsed.TotalSeconds;
        var batched = Store(Path.Combine(directory, "batched.db"));
        sw.Restart();
        foreach (var chunk in Enumerable.Range(0, n).Chunk(1000))
        {
            var rows = chunk.Select(_ => Row(random, start)).ToList();
            await batched.WriteAsync("2514", journal: null, async w => { await w.InsertManyAsync(rows, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);
        }

        var batchSeconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"registration, {n} decisions: one transaction each {n / singleSeconds:F0}/s; batches of 1000 {n / batchSeconds:F0}/s; batched is {singleSeconds / batchSeconds:F1}x faster (target >= 20x)\n"));
    }

    private static async Task ScaleAsync(string directory, int scale)
    {
        var store = Store(Path.Combine(directory, "scale.db"));
        var kommuner = Enumerable.Range(0, 290).Select(i => (1000 + (i * 31)).ToString(CultureInfo.InvariantCulture)).ToArray();
        var random = new Random(2);
        var start = new DateOnly(2025, 1, 1);
        var sw = Stopwatch.StartNew();
        const int batch = 50_000;
        for (var done = 0; done < scale; done += batch)
        {
            var code = kommuner[(done / batch) % kommuner.Length];
            var rows = Enumerable.Range(0, Math.Min(batch, scale - done)).Select(_ => Row(random, start)).ToList();
            // One kommun per batch keeps the benchmark's writer simple; the index is by kommun first either way.
            await store.WriteAsync(code, journal: null, async w => { await w.InsertManyAsync(rows, DateTimeOffset.UtcNow); return 0; }, CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: {scale:N0} decisions across {Math.Min(kommuner.Length, (scale + batch - 1) / batch)} kommuner written in {sw.Elapsed.TotalSeconds:F0} s"));
        Console.WriteLine("plan: " + (await store.ExplainDueQueryAsync(CancellationToken.None)).Replace('\n', ' '));

        var latencies = new List<double>();
        var returned = 0L;
        for (var i = 0; i < 300; i++)
        {
            var code = kommuner[random.Next(Math.Min(kommuner.Length, (scale + batch - 1) / batch))];
            var monday = start.AddDays(7 * random.Next(0, 100));
            var t0 = Stopwatch.GetTimestamp();
            var rows = await store.DueAsync(code, monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), monday.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "", "", 500, CancellationToken.None);
            latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            returned += rows.Count;
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"due this week for one kommun: 300 queries, {returned / 300} rows each on average; p50 {latencies[150]:F2} ms, p99 {latencies[296]:F2} ms (target p50 <= 20 ms)\n"));
    }
}

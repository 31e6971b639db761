using Socialtjanst.Bench;

// dotnet run -c Release --project bench/Bench -- [seconds per round] [concurrency] [watchers] [updates]
var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
var watchers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
var updates = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200;

await using var host = await BenchHost.StartAsync();
Console.WriteLine($"Catalog bench: {Environment.ProcessorCount} cores, {seconds} s per round, {concurrency} concurrent callers, server and load in one process on loopback");
await CatalogBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds), watchers, updates);

using System.Globalization;
using Socialtjanst.Bench;

// dotnet run -c Release --project bench/Bench -- [catalog|eligibility|documentation|followup|all] [seconds per round] [concurrency] [watchers] [updates] [decisions]
// dotnet run -c Release --project bench/Bench -- soak [minutes] [concurrency] [seconds per window]
// dotnet run -c Release --project bench/Bench -- ivo-export [decisions]
// dotnet run -c Release --project bench/Bench -- replica [kommuner] [readytorun]              (a consumer's start to ready and idle memory, own process; with readytorun also published ReadyToRun)
// dotnet run -c Release --project bench/Bench -- identity [seconds per round] [concurrency]   (TLS + RS256 against plaintext + HS256)
// dotnet run -c Release --project bench/Bench -- audit [seconds per round] [concurrency]      (what the access log's commit costs a call)
// dotnet run -c Release --project bench/Bench -- rest [seconds per round] [concurrency]       (Eligibility over REST/JSON against a REST echo)
// dotnet run -c Release --project bench/Bench -- pipeline [seconds per round] [concurrency]   (the suite's echo against a bare grpc-dotnet echo)
// dotnet run -c Release --project bench/Bench -- whatif [kommun] [rounds]                     (a draft over the full profile grid)
// dotnet run -c Release --project bench/Bench -- whatif-pressure [seconds] [concurrency]      (another kommun's checks beside the largest what-ifs)
// BENCH_LOAD=apart with eligibility or rest: the callers in a process of their own (the servers' heap holds only the servers' work)
// dotnet run -c Release --project bench/Bench -- fleet [idle seconds] [watchers] [updates]    (two Catalogs over one database: write on A, watch on B)
var what = args.Length > 0 ? args[0] : "all";
var seconds = Number(1, 10);
var concurrency = Number(2, 32);
var watchers = Number(3, 20);
var updates = Number(4, 200);
var decisions = Number(5, 10_000_000);

if (what == "calls")
{
    // The callers of a figure in a process of their own (BENCH_LOAD=apart starts it; see LoadApart).
    await LoadApart.CallsAsync(args);
    return;
}

await using var host = await BenchHost.StartAsync();
if (what == "soak")
{
    var minutes = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
    var soakConcurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
    var window = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
    Console.WriteLine($"Soak: {Environment.ProcessorCount} cores, {minutes} min, {soakConcurrency} concurrent callers, windows of {window} s, servers and load in one process on loopback\n");
    await SoakBench.RunAsync(host, soakConcurrency, TimeSpan.FromMinutes(minutes), TimeSpan.FromSeconds(window));
    return;
}

if (what == "ivo-export")
{
    await IvoExportBench.RunAsync(host, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
    return;
}

if (what == "replica")
{
    Console.WriteLine($"Replica: {Environment.ProcessorCount} cores; each consumer in its own process\n");
    await ReplicaBench.RunAsync(host, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 290, args.Contains("readytorun"));
    return;
}

if (what == "whatif")
{
    Console.WriteLine($"What-if: {Environment.ProcessorCount} cores, server and client in one process on loopback\n");
    await WhatIfBench.RunAsync(host, args.Length > 1 ? args[1] : "9999", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    return;
}

if (what == "whatif-pressure")
{
    Console.WriteLine($"What-if pressure: {Environment.ProcessorCount} cores, {seconds} s per phase, {concurrency} callers, servers and load in one process on loopback\n");
    await WhatIfPressureBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds));
    return;
}

if (what == "fleet")
{
    var idle = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
    Console.WriteLine($"Fleet: {Environment.ProcessorCount} cores, two Catalog instances over one {(Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } ? "PostgreSQL" : "SQLite")} database, servers and load in one process on loopback\n");
    await FleetBench.RunAsync(host, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200, TimeSpan.FromSeconds(idle));
    return;
}

if (what is "identity" or "audit" or "rest" or "pipeline")
{
    Console.WriteLine(Header(seconds, concurrency));
    await (what switch
    {
        "identity" => IdentityBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds)),
        "audit" => AuditBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds)),
        "pipeline" => PipelineBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds)),
        _ => RestBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds)),
    });
    return;
}

Console.WriteLine(Header(seconds, concurrency));
if (what is "catalog" or "all")
{
    Console.WriteLine("## Catalog\n");
    await CatalogBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds), watchers, updates);
}

if (what is "eligibility" or "all")
{
    Console.WriteLine("\n## Eligibility\n");
    await EligibilityBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds));
}

if (what is "documentation" or "all")
{
    Console.WriteLine("\n## Documentation\n");
    await DocumentationBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds));
}

if (what is "followup" or "all")
{
    Console.WriteLine("\n## FollowUp\n");
    await FollowUpBench.RunAsync(host, concurrency, TimeSpan.FromSeconds(seconds), decisions);
}

// A numeric argument at a position, or the default when it is absent or a word ("replica 290 readytorun").
int Number(int position, int fallback) =>
    args.Length > position && int.TryParse(args[position], CultureInfo.InvariantCulture, out var value) ? value : fallback;

// The run's shape and the collector it ran under (the figures move with it: bench/README.md, "The collector's budget").
static string Header(int seconds, int concurrency) =>
    $"Bench: {Environment.ProcessorCount} cores, {seconds} s per round, {concurrency} concurrent callers, " +
    (LoadApart.Wanted ? "the servers in one process and the callers in another (eligibility, rest)" : "servers and load in one process") + " on loopback; " +
    $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC" +
    (Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is { Length: > 0 } floor ? $", first generation's floor {floor}" : "") + "\n";

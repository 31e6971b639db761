using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Suite;

namespace Socialtjanst.Bench;

/// <summary>
/// What a replica holds: the bench's Catalog is given <c>kommuner</c> catalogs (the demo kommun's seed under other
/// kommunkoder), then each consumer service is started as its own process, as a pod runs it (its own SQLite file and
/// catalog folder, replicating from the bench's Catalog): the time from the process's start to its first answer for the
/// last kommun (start to ready, the catalogs replicated), and its resident memory after 10 s idle (VmRSS). The Catalog
/// itself is started the same way over a copy of the bench Catalog's database (start to its first answer for the last
/// kommun: every kommun's catalog read into memory).
/// </summary>
public static class ReplicaBench
{
    public static async Task RunAsync(BenchHost host, int kommuner, bool readyToRun)
    {
        var seed = File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "catalogs"), "9999-*.yaml").Single());
        var codes = Enumerable.Range(0, kommuner).Select(i => (1000 + (i * 31)).ToString(CultureInfo.InvariantCulture)).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var code in codes)
        {
            var catalog = new CatalogService.CatalogServiceClient(host.Invoker(host.CatalogAddress, code));
            await catalog.ImportCatalogAsync(new ImportCatalogRequest
            {
                Parent = "municipalities/" + code,
                Content = seed.Replace("code: \"9999\"", $"code: \"{code}\"", StringComparison.Ordinal),
                RequestId = Guid.NewGuid().ToString(),
            });
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kommuner} kommuner imported into the bench's Catalog in {watch.Elapsed.TotalSeconds:F1} s\n"));
        var services = new[] { "Catalog", "Eligibility", "Documentation", "FollowUp" };
        var published = readyToRun ? await PublishAsync(host, services) : null;
        // The processes inherit the bench's environment: DOTNET_gcServer=0 runs them with workstation GC, as the manifests do.
        var gc = Environment.GetEnvironmentVariable("DOTNET_gcServer") == "0" ? "workstation GC" : "server GC";
        Console.WriteLine(readyToRun
            ? $"| service (own process, Release, {gc}) | start to ready: build output (JIT) | published ReadyToRun | idle memory: build output | published ReadyToRun |\n|---|---|---|---|---|"
            : $"| service (own process, Release, {gc}) | start to ready | resident memory after 10 s idle |\n|---|---|---|");
        foreach (var service in services)
        {
            var built = Path.Combine(TestSupport.Hosts.RepositoryRoot(), "services", service, "bin", "Release", "net10.0", $"Socialtjanst.{service}.dll");
            var (ready, rss) = await MeasureAsync(host, service, codes[^1], built, "built");
            if (published is null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {service} | {ready.TotalSeconds:F2} s | {rss / 1048576.0:F0} MiB |"));
                continue;
            }

            var (r2rReady, r2rRss) = await MeasureAsync(host, service, codes[^1], Path.Combine(published, service, $"Socialtjanst.{service}.dll"), "r2r");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {service} | {ready.TotalSeconds:F2} s | {r2rReady.TotalSeconds:F2} s | {rss / 1048576.0:F0} MiB | {r2rRss / 1048576.0:F0} MiB |"));
        }
    }

    /// <summary>Publishes each service as services/Dockerfile does, with ReadyToRun (code compiled ahead of time for linux-x64).</summary>
    private static async Task<string> PublishAsync(BenchHost host, string[] services)
    {
        var output = Path.Combine(host.Directory, "published");
        var watch = Stopwatch.StartNew();
        foreach (var service in services)
        {
            using var publish = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    "publish", Path.Combine(TestSupport.Hosts.RepositoryRoot(), "services", service, service + ".csproj"), "-c", "Release", "-r", "linux-x64",
                    "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", Path.Combine(output, service),
                },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            await publish.StandardOutput.ReadToEndAsync();
            await publish.WaitForExitAsync();
            if (publish.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish {service} exited with {publish.ExitCode}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published {services.Length} services with ReadyToRun in {watch.Elapsed.TotalSeconds:F0} s\n"));
        return output;
    }

    private static async Task<(TimeSpan Ready, long Rss)> MeasureAsync(BenchHost host, string service, string lastCode, string dll, string variant)
    {
        var directory = Path.Combine(host.Directory, "process-" + service.ToLowerInvariant() + "-" + variant);
        Directory.CreateDirectory(directory);
        var port = TestSupport.Hosts.FreePort();
        var configuration = host.Configuration with
        {
            DataDirectory = directory,
            Database = SuiteDatabase.SqliteFiles,
            CatalogAddress = host.CatalogAddress,
            ReplicaToken = host.Issuer.Issue("0000", "bench", ["catalog.replicate"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2)),
        };
        if (service == "Catalog" && configuration.Database.Provider == Data.DatabaseProvider.Sqlite)
        {
            // The Catalog's replica reads the kommuner's catalogs from its own database: a copy of the bench Catalog's, taken
            // with SQLite's backup (consistent while the bench's is open), as a second pod over the same database would.
            using var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.Directory, "catalog.db")}");
            using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "catalog.db")};Pooling=false");
            source.Open();
            copy.Open();
            source.BackupDatabase(copy);
        }

        using var process = new Process { StartInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true } };
        process.StartInfo.ArgumentList.Add(dll);
        foreach (var (key, value) in configuration.For(service))
        {
            process.StartInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process.StartInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        process.StartInfo.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{port}";
        process.StartInfo.Environment["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        process.StartInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        var watch = Stopwatch.StartNew();
        process.Start();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var invoker = host.Invoker($"http://127.0.0.1:{port}", lastCode);
            while (true)
            {
                try
                {
                    await AskAsync(service, invoker, lastCode);
                    break;
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.NotFound && watch.Elapsed < TimeSpan.FromMinutes(3) && !process.HasExited)
                {
                    await Task.Delay(20);
                }
            }

            var ready = watch.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(10));
            return (ready, Rss(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    // A question only a replica that holds the kommun's catalog answers (UNAVAILABLE before it has arrived).
    private static async Task AskAsync(string service, CallInvoker invoker, string code)
    {
        var parent = "municipalities/" + code;
        switch (service)
        {
            case "Catalog":
                await new CatalogService.CatalogServiceClient(invoker).GetInterventionAsync(new GetInterventionRequest { Name = parent + "/interventions/barnsakert" });
                break;
            case "Eligibility":
                await new EligibilityService.EligibilityServiceClient(invoker).ListQuestionsAsync(new ListQuestionsRequest { Parent = parent });
                break;
            case "Documentation":
                await new Documentation.V1.DocumentationService.DocumentationServiceClient(invoker).GetRecordingPolicyAsync(new Documentation.V1.GetRecordingPolicyRequest { Intervention = parent + "/interventions/barnsakert" });
                break;
            default:
                await new FollowUp.V1.FollowUpService.FollowUpServiceClient(invoker).ListDueFollowUpsAsync(new FollowUp.V1.ListDueFollowUpsRequest
                {
                    Parent = parent,
                    From = new Type.V1.Date { Year = 2026, Month = 1, Day = 5 },
                    To = new Type.V1.Date { Year = 2026, Month = 1, Day = 11 },
                });
                break;
        }
    }

    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

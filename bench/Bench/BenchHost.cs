using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Socialtjanst.Catalog;
using Socialtjanst.Documentation;
using Socialtjanst.Eligibility;
using Socialtjanst.FollowUp;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Bench;

/// <summary>
/// The Catalog and Eligibility as they run in production shape (Kestrel, HTTP/2, bearer tokens,
/// SQLite with the seed catalogs, Eligibility replicating over the watch stream), each with the echo
/// baseline mapped into its own host behind the same authentication.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly List<WebApplication> apps = [];
    private readonly string directory = Path.Combine(Path.GetTempPath(), "bench-" + Guid.NewGuid().ToString("N"));
    private readonly AuthOptions auth = new() { SigningKey = TokenIssuer.NewKey() };

    private BenchHost()
    {
        Issuer = new TokenIssuer(auth);
    }

    public TokenIssuer Issuer { get; }

    public string CatalogAddress { get; private set; } = "";

    public string EligibilityAddress { get; private set; } = "";

    /// <summary>Eligibility's REST/JSON endpoint (HTTP/1.1), where the echo also answers in JSON.</summary>
    public string EligibilityRestAddress { get; private set; } = "";

    public string FollowUpAddress { get; private set; } = "";

    /// <summary>The FollowUp service's own services (its store), to write large data sets directly.</summary>
    public IServiceProvider FollowUpServices { get; private set; } = null!;

    public IServiceProvider EligibilityServices { get; private set; } = null!;

    public string DocumentationAddress { get; private set; } = "";

    public string Directory => directory;

    /// <summary>The engine of every service's database: SQLite files, or PostgreSQL when BENCH_POSTGRES holds a connection string.</summary>
    public string Provider => Postgres is null ? "Sqlite" : "PostgreSql";

    private static string? Postgres => Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } cs ? cs : null;

    private readonly string run = "bench_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A service's database (the same name gives the same database: replicas share it).</summary>
    public string ConnectionString(string service) => Postgres is { } pg
        ? new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = $"{run}_{service}" }.ConnectionString
        : $"Data Source={Path.Combine(directory, service + ".db")}";

    /// <summary>A service's own settings plus what every bench service shares: the signing key, no
    /// drain delay, and call limits so high they never refuse (their bookkeeping is still paid).</summary>
    public Dictionary<string, string?> Settings(Dictionary<string, string?> own)
    {
        own["Auth:SigningKey"] = auth.SigningKey;
        own["Shutdown:DrainDelay"] = "00:00:00";
        own["CallLimits:MunicipalityPerSecond"] = "100000000";
        own["CallLimits:MunicipalityBurst"] = "100000000";
        own["CallLimits:CallerPerSecond"] = "100000000";
        own["CallLimits:CallerBurst"] = "100000000";
        own["CallLimits:MunicipalityConcurrency"] = "1000000";
        return own;
    }

    public static async Task<BenchHost> StartAsync()
    {
        var host = new BenchHost();
        System.IO.Directory.CreateDirectory(host.directory);
        var catalog = ServiceHost.Build("Catalog", "http://127.0.0.1:0", host.Settings(new Dictionary<string, string?>
        {
            ["Database:Provider"] = host.Provider,
            ["Database:ConnectionString"] = host.ConnectionString("catalog"),
            ["Database:CreateIfMissing"] = "true",
            ["Catalog:Seed:Enabled"] = "true",
        }), b => b.AddCatalog(), a =>
        {
            a.MapCatalog();
            a.MapGrpcService<EchoApi>().RequireAuthorization();
        }, LogLevel.Warning);
        await catalog.StartAsync();
        host.apps.Add(catalog);
        host.CatalogAddress = catalog.Address();

        var restUrl = $"http://127.0.0.1:{TestSupport.Hosts.FreePort()}";
        var eligibility = ServiceHost.Build("Eligibility", "http://127.0.0.1:0", host.Settings(new Dictionary<string, string?>
        {
            ["CatalogReplica:CatalogAddress"] = host.CatalogAddress,
            ["CatalogReplica:Token"] = host.Issuer.Issue("0000", "bench", ["catalog.replicate"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2)),
            ["CatalogReplica:StateDirectory"] = Path.Combine(host.directory, "eligibility-catalog"),
            ["Database:Provider"] = host.Provider,
            ["Database:ConnectionString"] = host.ConnectionString("eligibility"),
            ["Database:CreateIfMissing"] = "true",
        }), b => b.AddEligibility(), a =>
        {
            a.MapEligibility();
            a.MapGrpcService<EchoApi>().RequireAuthorization();
        }, LogLevel.Warning, restUrl);
        await eligibility.StartAsync();
        host.apps.Add(eligibility);
        host.EligibilityRestAddress = restUrl;
        host.EligibilityAddress = eligibility.Urls.First(u => u != restUrl);
        var followUp = ServiceHost.Build("FollowUp", "http://127.0.0.1:0", host.Settings(new Dictionary<string, string?>
        {
            ["Database:Provider"] = host.Provider,
            ["Database:ConnectionString"] = host.ConnectionString("followup"),
            ["Database:CreateIfMissing"] = "true",
            ["CatalogReplica:CatalogAddress"] = host.CatalogAddress,
            ["CatalogReplica:Token"] = host.Issuer.Issue("0000", "bench", ["catalog.replicate"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2)),
            ["CatalogReplica:StateDirectory"] = Path.Combine(host.directory, "followup-catalog"),
        }), b => b.AddFollowUp(), a =>
        {
            a.MapFollowUp();
            a.MapGrpcService<EchoApi>().RequireAuthorization();
        }, LogLevel.Warning);
        await followUp.StartAsync();
        host.apps.Add(followUp);
        host.FollowUpAddress = followUp.Address();
        host.FollowUpServices = followUp.Services;
        await followUp.Services.GetRequiredService<CatalogReplica.CatalogReplica>().WaitForRevisionAsync("2514", 1, TimeSpan.FromSeconds(30));

        var documentation = ServiceHost.Build("Documentation", "http://127.0.0.1:0", host.Settings(new Dictionary<string, string?>
        {
            ["Database:Provider"] = host.Provider,
            ["Database:ConnectionString"] = host.ConnectionString("documentation"),
            ["Database:CreateIfMissing"] = "true",
            ["CatalogReplica:CatalogAddress"] = host.CatalogAddress,
            ["CatalogReplica:Token"] = host.Issuer.Issue("0000", "bench", ["catalog.replicate"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2)),
            ["CatalogReplica:StateDirectory"] = Path.Combine(host.directory, "documentation-catalog"),
        }), b => b.AddDocumentation(), a =>
        {
            a.MapDocumentation();
            a.MapGrpcService<EchoApi>().RequireAuthorization();
        }, LogLevel.Warning);
        await documentation.StartAsync();
        host.apps.Add(documentation);
        host.DocumentationAddress = documentation.Address();
        await documentation.Services.GetRequiredService<CatalogReplica.CatalogReplica>().WaitForRevisionAsync("2514", 1, TimeSpan.FromSeconds(30));

        host.EligibilityServices = eligibility.Services;
        var replica = eligibility.Services.GetRequiredService<CatalogReplica.CatalogReplica>();
        foreach (var code in new[] { "2514", "1489", "9999" })
        {
            await replica.WaitForRevisionAsync(code, 1, TimeSpan.FromSeconds(30));
        }

        return host;
    }

    /// <summary>A channel to an address whose calls carry a token for the kommun, over several HTTP/2 connections.</summary>
    public CallInvoker Invoker(string address, string code)
    {
        var token = Issuer.Issue(code, "bench", ["catalog.read", "catalog.write", "eligibility.check", "followup.read", "followup.write", "documentation.use", "audit.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        return channel.Intercept(m =>
        {
            m.Add("Authorization", "Bearer " + token);
            return m;
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(directory, recursive: true);
    }
}

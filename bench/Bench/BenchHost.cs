using Grpc.Core;
using Grpc.Net.Client;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Suite;

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
        var postgres = Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } pg ? pg : null;
        Configuration = new SuiteConfiguration(auth.SigningKey, directory)
        {
            Database = postgres is null ? SuiteDatabase.SqliteFiles : SuiteDatabase.PostgreSql(postgres, "bench_" + Guid.NewGuid().ToString("N")[..8]),
            Unlimited = true,
        };
    }

    public TokenIssuer Issuer { get; }

    public string CatalogAddress { get; private set; } = "";

    public string EligibilityAddress { get; private set; } = "";

    /// <summary>Eligibility's REST/JSON endpoint (HTTP/1.1), where the echo also answers in JSON.</summary>
    public string EligibilityRestAddress { get; private set; } = "";

    public string FollowUpAddress { get; private set; } = "";

    /// <summary>FollowUp's REST/JSON endpoint (HTTP/1.1), where the IVO export is NDJSON.</summary>
    public string FollowUpRestAddress { get; private set; } = "";

    /// <summary>The FollowUp service's own services (its store), to write large data sets directly.</summary>
    public IServiceProvider FollowUpServices { get; private set; } = null!;

    public IServiceProvider EligibilityServices { get; private set; } = null!;

    public string DocumentationAddress { get; private set; } = "";

    public string Directory => directory;

    /// <summary>The engine of every service's database: SQLite files, or PostgreSQL when BENCH_POSTGRES holds a connection string.</summary>
    public string Provider => Configuration.Database.Provider.ToString();

    /// <summary>
    /// Every bench service's settings, chosen where the suite's are (SuiteConfiguration): the signing key, no drain delay,
    /// the seed catalogs, and call limits so high they never refuse (their bookkeeping is still paid). A second service
    /// built with the same configuration is a replica over the same database.
    /// </summary>
    public SuiteConfiguration Configuration { get; }

    /// <summary>Builds one of the suite's services the one way, with the echo baseline mapped behind the same authentication.</summary>
    public WebApplication Build(string service, string url = "http://127.0.0.1:0", string? restUrl = null, SuiteConfiguration? configuration = null) =>
        SuiteServices.Named(service).Build(configuration ?? Configuration, url, restUrl, LogLevel.Warning,
            map: a => a.MapGrpcService<EchoApi>().RequireAuthorization());

    public static async Task<BenchHost> StartAsync()
    {
        var host = new BenchHost();
        System.IO.Directory.CreateDirectory(host.directory);
        var catalog = host.Build("Catalog");
        await catalog.StartAsync();
        host.apps.Add(catalog);
        host.CatalogAddress = catalog.Address();
        var replicas = host.Configuration with
        {
            CatalogAddress = host.CatalogAddress,
            ReplicaToken = host.Issuer.Issue("0000", "bench", ["catalog.replicate"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2)),
        };

        var restUrl = $"http://127.0.0.1:{TestSupport.Hosts.FreePort()}";
        var eligibility = host.Build("Eligibility", restUrl: restUrl, configuration: replicas);
        await eligibility.StartAsync();
        host.apps.Add(eligibility);
        host.EligibilityRestAddress = restUrl;
        host.EligibilityAddress = eligibility.Urls.First(u => u != restUrl);
        var followUpRest = $"http://127.0.0.1:{TestSupport.Hosts.FreePort()}";
        var followUp = host.Build("FollowUp", restUrl: followUpRest, configuration: replicas);
        await followUp.StartAsync();
        host.apps.Add(followUp);
        host.FollowUpAddress = followUp.Urls.First(u => u != followUpRest);
        host.FollowUpRestAddress = followUpRest;
        host.FollowUpServices = followUp.Services;
        await followUp.Services.GetRequiredService<CatalogReplica.CatalogReplica>().WaitForRevisionAsync("2514", 1, TimeSpan.FromSeconds(30));

        var documentation = host.Build("Documentation", configuration: replicas);
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

    /// <summary>A token for the kommun with every scope, for two hours.</summary>
    public string Token(string code) =>
        Issuer.Issue(code, "bench", ["catalog.read", "catalog.write", "eligibility.check", "followup.read", "followup.write", "documentation.use", "audit.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2));

    /// <summary>A channel to an address whose calls carry a token for the kommun, over several HTTP/2 connections.</summary>
    public CallInvoker Invoker(string address, string code) => TokenInvoker(address, Token(code));

    /// <summary>A channel to an address whose calls carry the token, over several HTTP/2 connections.</summary>
    public static CallInvoker TokenInvoker(string address, string token)
    {
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        return new AuthorizedInvoker(channel.CreateCallInvoker(), token);
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

using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Suite;

namespace Socialtjanst.TestSupport;

/// <summary>
/// The real Eligibility on loopback (gRPC over HTTP/2 and REST over HTTP/1.1), replicating the
/// catalog from a real Catalog, keeping its last-known-good copy in a folder that outlives it.
/// </summary>
public sealed class EligibilityHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<GrpcChannel> channels = [];

    private EligibilityHost(WebApplication app, string grpcAddress, string restAddress, CatalogHost catalog)
    {
        this.app = app;
        GrpcAddress = grpcAddress;
        RestAddress = restAddress;
        Catalog = catalog;
    }

    public string GrpcAddress { get; }

    public string RestAddress { get; }

    public CatalogHost Catalog { get; }

    public CatalogReplica.CatalogReplica Replica => app.Services.GetRequiredService<CatalogReplica.CatalogReplica>();

    /// <summary>The decision log's writer (to wait until the answers given so far are written).</summary>
    public Eligibility.Application.DecisionLog DecisionLog => app.Services.GetRequiredService<Eligibility.Application.DecisionLog>();

    public IServiceProvider Services => app.Services;

    public static async Task<EligibilityHost> StartAsync(CatalogHost catalog, string stateDirectory, bool waitForCatalog = true, IDictionary<string, string?>? settings = null, int? restPort = null)
    {
        var grpc = $"http://127.0.0.1:{Hosts.FreePort()}";
        var rest = $"http://127.0.0.1:{restPort ?? Hosts.FreePort()}";
        var configuration = new SuiteConfiguration(catalog.Auth.SigningKey, stateDirectory)
        {
            CatalogAddress = catalog.Address,
            ReplicaToken = catalog.Token("0000", "catalog.replicate"),
            QuickReplication = true,
        }.With(settings);
        var app = SuiteServices.Named("Eligibility").Build(configuration, grpc, rest, LogLevel.Warning);
        await app.StartAsync();
        var host = new EligibilityHost(app, grpc, rest, catalog);
        if (waitForCatalog)
        {
            await Hosts.WaitForSeedsAsync(host.Replica);
        }

        return host;
    }

    public GrpcChannel Channel()
    {
        var channel = GrpcChannel.ForAddress(GrpcAddress);
        channels.Add(channel);
        return channel;
    }

    public EligibilityService.EligibilityServiceClient ClientFor(string code, params string[] scopes)
    {
        var token = Catalog.Token(code, scopes.Length > 0 ? scopes : ["eligibility.check"]);
        return new EligibilityService.EligibilityServiceClient(Hosts.Authorized(Channel(), token));
    }

    public EligibilityService.EligibilityServiceClient Anonymous() => new(Channel());

    public HttpClient Rest(string? code)
    {
        var http = new HttpClient { BaseAddress = new Uri(RestAddress) };
        if (code is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Catalog.Token(code, "eligibility.check"));
        }

        return http;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        await app.DisposeAsync();
    }
}

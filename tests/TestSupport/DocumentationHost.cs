using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Suite;

namespace Socialtjanst.TestSupport;

/// <summary>The real Documentation on loopback with its own SQLite file, replicating from a real Catalog
/// into a folder that outlives it.</summary>
public sealed class DocumentationHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<GrpcChannel> channels = [];

    private DocumentationHost(WebApplication app, string address, CatalogHost catalog)
    {
        this.app = app;
        Address = address;
        Catalog = catalog;
    }

    public string Address { get; }

    public CatalogHost Catalog { get; }

    public CatalogReplica.CatalogReplica Replica => app.Services.GetRequiredService<CatalogReplica.CatalogReplica>();

    /// <summary>Starts Documentation replicating from the Catalog; <paramref name="settings"/> win over the test defaults.</summary>
    public static async Task<DocumentationHost> StartAsync(CatalogHost catalog, string stateDirectory, IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(stateDirectory);
        var address = $"http://127.0.0.1:{Hosts.FreePort()}";
        var configuration = new SuiteConfiguration(catalog.Auth.SigningKey, stateDirectory)
        {
            CatalogAddress = catalog.Address,
            ReplicaToken = catalog.Token("0000", "catalog.replicate"),
            QuickReplication = true,
        }.With(settings);
        var app = SuiteServices.Named("Documentation").Build(configuration, address, minimumLogLevel: LogLevel.Warning);
        await app.StartAsync();
        var host = new DocumentationHost(app, address, catalog);
        await Hosts.WaitForSeedsAsync(host.Replica);

        return host;
    }

    public GrpcChannel Channel()
    {
        var channel = GrpcChannel.ForAddress(Address);
        channels.Add(channel);
        return channel;
    }

    public DocumentationService.DocumentationServiceClient ClientFor(string code, params string[] scopes) => new(InvokerFor(code, scopes));

    /// <summary>An authorized invoker, for calls the generated client cannot make (raw bytes on the wire).</summary>
    public CallInvoker InvokerFor(string code, params string[] scopes) =>
        Hosts.Authorized(Channel(), Catalog.Token(code, scopes.Length > 0 ? scopes : ["documentation.use"]));

    public async ValueTask DisposeAsync() => await Hosts.StopAsync(app, channels);
}

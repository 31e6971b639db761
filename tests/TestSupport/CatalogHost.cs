using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Suite;

namespace Socialtjanst.TestSupport;

/// <summary>
/// The real Catalog on Kestrel, on a free loopback port, over HTTP/2, with its own SQLite file and
/// the seed catalogs loaded. Clients carry real signed tokens.
/// </summary>
public sealed class CatalogHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string directory;
    private readonly List<GrpcChannel> channels = [];

    private CatalogHost(WebApplication app, string directory, AuthOptions auth, string address, string? restAddress = null)
    {
        RestAddress = restAddress ?? "";
        this.app = app;
        this.directory = directory;
        Auth = auth;
        Address = address;
        Issuer = new TokenIssuer(auth);
    }

    public AuthOptions Auth { get; }

    public TokenIssuer Issuer { get; }

    public string Address { get; }

    /// <summary>The REST face (HTTP/1.1) when started with a REST port; empty otherwise.</summary>
    public string RestAddress { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Starts a Catalog on SQLite; <paramref name="settings"/> are added to, and win over, the test defaults;
    /// <paramref name="add"/> registers a test's own services after the Catalog's (a fault, an interceptor).</summary>
    public static async Task<CatalogHost> StartAsync(bool seed = true, AuthOptions? auth = null, string? directory = null, int port = 0, IDictionary<string, string?>? settings = null, int? restPort = null, Action<WebApplicationBuilder>? add = null)
    {
        directory ??= Hosts.TempPath("catalog-tests");
        System.IO.Directory.CreateDirectory(directory);
        auth ??= new AuthOptions { SigningKey = TokenIssuer.NewKey() };
        var configuration = new SuiteConfiguration(auth.SigningKey, directory) { Seed = seed }.With(settings);
        var app = SuiteServices.Named("Catalog").Build(configuration, $"http://127.0.0.1:{port}", restPort is { } rp ? $"http://127.0.0.1:{rp}" : null, LogLevel.Warning, add);
        await app.StartAsync();
        var rest = restPort is { } r ? $"http://127.0.0.1:{r}" : null;
        var address = rest is null ? app.Address() : app.Urls.First(u => u.TrimEnd('/') != rest);
        return new CatalogHost(app, directory, auth, address, rest);
    }

    public string Token(string code, params string[] scopes) =>
        Issuer.Issue(code, "test-" + code, scopes.Length > 0 ? scopes : ["catalog.read", "catalog.write"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    public GrpcChannel Channel()
    {
        var channel = GrpcChannel.ForAddress(Address);
        channels.Add(channel);
        return channel;
    }

    /// <summary>A client whose every call carries the bearer token (none when null).</summary>
    public CatalogService.CatalogServiceClient Client(string? token)
    {
        var invoker = Channel().Intercept(metadata =>
        {
            if (token is not null)
            {
                metadata.Add("Authorization", "Bearer " + token);
            }

            return metadata;
        });
        return new CatalogService.CatalogServiceClient(invoker);
    }

    public CatalogService.CatalogServiceClient ClientFor(string code, params string[] scopes) => Client(Token(code, scopes));

    public string Directory => directory;

    /// <summary>Stops the Catalog but keeps its database, as when its process is killed.</summary>
    public Task StopAsync() => Hosts.StopAsync(app, channels);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

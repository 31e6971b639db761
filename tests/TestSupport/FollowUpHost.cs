using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Suite;

namespace Socialtjanst.TestSupport;

/// <summary>The real FollowUp on loopback with its own SQLite file, reading rules from a real Catalog.</summary>
public sealed class FollowUpHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string directory;
    private readonly List<GrpcChannel> channels = [];

    private FollowUpHost(WebApplication app, string directory, string address, CatalogHost catalog)
    {
        this.app = app;
        this.directory = directory;
        Address = address;
        Catalog = catalog;
    }

    public string Address { get; }

    /// <summary>The REST face's address, when started with one.</summary>
    public string? RestAddress { get; private init; }

    public CatalogHost Catalog { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<FollowUpHost> StartAsync(CatalogHost catalog, TimeProvider? clock = null, IDictionary<string, string?>? settings = null, bool rest = false)
    {
        var restAddress = rest ? $"http://127.0.0.1:{Hosts.FreePort()}" : null;
        var directory = Hosts.TempPath("followup-tests");
        System.IO.Directory.CreateDirectory(directory);
        var address = $"http://127.0.0.1:{Hosts.FreePort()}";
        var configuration = new SuiteConfiguration(catalog.Auth.SigningKey, directory)
        {
            CatalogAddress = catalog.Address,
            ReplicaToken = catalog.Token("0000", "catalog.replicate"),
            QuickReplication = true,
        }.With(settings);
        var app = SuiteServices.Named("FollowUp").Build(configuration, address, restAddress, LogLevel.Warning, b =>
        {
            if (clock is not null)
            {
                b.Services.AddSingleton(clock);
            }
        });
        await app.StartAsync();
        var replica = app.Services.GetRequiredService<CatalogReplica.CatalogReplica>();
        await Hosts.WaitForSeedsAsync(replica);

        return new FollowUpHost(app, directory, address, catalog) { RestAddress = restAddress };
    }

    public FollowUpService.FollowUpServiceClient ClientFor(string code, params string[] scopes)
    {
        var token = Catalog.Token(code, scopes.Length > 0 ? scopes : ["followup.read", "followup.write"]);
        var channel = GrpcChannel.ForAddress(Address);
        channels.Add(channel);
        return new FollowUpService.FollowUpServiceClient(Hosts.Authorized(channel, token));
    }

    public async ValueTask DisposeAsync()
    {
        await Hosts.StopAsync(app, channels);
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

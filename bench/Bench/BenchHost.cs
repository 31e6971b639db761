using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Socialtjanst.Catalog;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Bench;

/// <summary>
/// The Catalog as it runs in production shape (Kestrel, HTTP/2, bearer tokens, SQLite with the seed
/// catalogs) with the echo baseline mapped into the same host behind the same authentication.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string directory;

    private BenchHost(WebApplication app, string directory, TokenIssuer issuer, string address)
    {
        this.app = app;
        this.directory = directory;
        Issuer = issuer;
        Address = address;
    }

    public TokenIssuer Issuer { get; }

    public string Address { get; }

    public static async Task<BenchHost> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var auth = new AuthOptions { SigningKey = TokenIssuer.NewKey() };
        var app = ServiceHost.Build("Catalog", "http://127.0.0.1:0", new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = auth.SigningKey,
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "catalog.db")}",
            ["Catalog:Seed:Enabled"] = "true",
        }, b => b.AddCatalog(), a =>
        {
            a.MapCatalog();
            a.MapGrpcService<EchoApi>().RequireAuthorization();
        }, LogLevel.Warning);
        await app.StartAsync();
        var address = app.Address();
        return new BenchHost(app, directory, new TokenIssuer(auth), address);
    }

    /// <summary>A channel whose calls carry a token for the kommun, over several HTTP/2 connections.</summary>
    public CallInvoker Invoker(string code)
    {
        var token = Issuer.Issue(code, "bench", ["catalog.read", "catalog.write"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        var channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
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
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

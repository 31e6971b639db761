using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.Hosting;

/// <summary>
/// Builds one service as a web application with the shared defaults, for hosts that run services
/// in-process: the embedded suite, the tests and the bench.
/// </summary>
public static class ServiceHost
{
    /// <param name="url">The gRPC endpoint (HTTP/2 without TLS, prior knowledge).</param>
    /// <param name="restUrl">A REST/JSON endpoint (HTTP/1.1) for JSON transcoding, when the service has one:
    /// HTTP/2 without TLS cannot share a port with HTTP/1.1.</param>
    public static WebApplication Build(
        string serviceName,
        string url,
        IDictionary<string, string?> configuration,
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map,
        LogLevel minimumLogLevel = LogLevel.Information,
        string? restUrl = null)
    {
        // In-process hosts (the embedded default, tests, bench) run as "Embedded": development defaults
        // allowed, the framework otherwise as in production (no developer pages); "Environment" overrides.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Socialtjanst." + serviceName,
            EnvironmentName = configuration.TryGetValue("Environment", out var environment) && environment is { Length: > 0 } ? environment : ProductionSettings.Embedded,
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        if (restUrl is null)
        {
            builder.WebHost.UseUrls(url);
        }
        else
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Grpc:Url"] = url,
                ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
                ["Kestrel:Endpoints:Rest:Url"] = restUrl,
                ["Kestrel:Endpoints:Rest:Protocols"] = "Http1",
            });
        }

        builder.AddServiceDefaults(serviceName);
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        add(builder);
        var app = builder.Build();
        app.MapServiceDefaults();
        map(app);
        return app;
    }

    /// <summary>The address the started application listens on (useful with port 0).</summary>
    public static string Address(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}

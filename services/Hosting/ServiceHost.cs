using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Socialtjanst.Hosting;

/// <summary>
/// Builds one service as a web application with the shared defaults, for hosts that run services
/// in-process: the embedded suite, the tests and the bench.
/// </summary>
public static class ServiceHost
{
    public static WebApplication Build(
        string serviceName,
        string url,
        IDictionary<string, string?> configuration,
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map,
        LogLevel minimumLogLevel = LogLevel.Information)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Socialtjanst." + serviceName });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseUrls(url);
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

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Settings;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// The origins whose pages may call a service from a browser (a kommun's e-tjänst portal, the nämnd's workbench), for
/// REST and gRPC-web alike, set per environment. A preflight is answered before any token is asked for (a browser
/// sends none with it); the call itself still needs its token. No origin configured: no browser on another origin.
/// </summary>
public sealed class BrowserOrigins : ISettings
{
    public const string Policy = "browser-origins";

    public static string Section => "Cors";

    /// <summary>The origins (scheme, host and port, e.g. "https://e-tjanst.kalix.se") whose pages may call this service.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>What a browser may send and read: the token, JSON, and gRPC-web's and Connect's own headers and trailers.</summary>
    internal static void Add(WebApplicationBuilder builder)
    {
        // With the portals' origins, the nämnd's workbench page's (Workbench:Origins: the Catalog's REST face, where
        // the workbench is served, calling Eligibility's what-if and decision log).
        var origins = builder.AddSettings<BrowserOrigins>().Origins
            .Concat(builder.Configuration.GetSection("Workbench:Origins").Get<string[]>() ?? [])
            .Distinct(StringComparer.Ordinal).ToArray();
        if (origins.Length == 0)
        {
            return;
        }

        builder.Services.AddSingleton(new Enabled());

        builder.Services.AddCors(o => o.AddPolicy(Policy, p => p.WithOrigins(origins)
            .WithMethods("GET", "POST", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "X-Grpc-Web", "X-User-Agent", "Grpc-Timeout", "Connect-Protocol-Version", "Connect-Timeout-Ms")
            .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Status-Details-Bin")));
    }

    /// <summary>Before authentication: a preflight carries no token.</summary>
    internal static void Use(WebApplication app)
    {
        if (app.Services.GetService<Enabled>() is not null)
        {
            app.UseCors(Policy);
        }
    }

    private sealed class Enabled;
}

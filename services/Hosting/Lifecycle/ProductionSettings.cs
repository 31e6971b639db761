using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>
/// Outside Development (and the embedded default) a service refuses to start on a development default: one Critical log line per
/// setting (naming the setting, never its value), then <see cref="RefusedStartException"/>. Each service
/// adds its own rules (<see cref="Refuse"/>); the shared ones are the signing key, plaintext on a
/// non-loopback address and the database.
/// </summary>
public static partial class ProductionSettings
{
    private const string Key = "Socialtjanst.ProductionSettings";

    /// <summary>The environment of the in-process hosts (embedded default, tests, bench): development defaults allowed.</summary>
    public const string Embedded = "Embedded";

    /// <summary>Development defaults are allowed in Development and in the embedded default; nowhere else.</summary>
    public static bool AllowsDevelopmentDefaults(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(Embedded);

    /// <summary>A setting that must not be on outside Development unless its opt-in is set too.</summary>
    public static WebApplicationBuilder Refuse(this WebApplicationBuilder builder, Func<IConfiguration, bool> isOn, string setting, string why)
    {
        if (!AllowsDevelopmentDefaults(builder.Environment) && isOn(builder.Configuration))
        {
            Refusals(builder).Add((setting, why));
        }

        return builder;
    }

    /// <summary>The shared rules; called by AddServiceDefaults.</summary>
    public static void AddSharedRules(WebApplicationBuilder builder)
    {
        builder.Refuse(c => !string.IsNullOrEmpty(c["Auth:SigningKey"]) && !c.GetValue("Auth:AllowSharedKey", false),
            "Auth:SigningKey", "HS256 with one shared key; set Auth:AllowSharedKey=true to accept it deliberately");
        builder.Refuse(c => PlaintextAddresses(c).Any(a => !IsLoopback(a)) && !c.GetValue("Transport:AllowPlaintext", false),
            "Kestrel endpoints / ASPNETCORE_URLS", "plaintext HTTP on a non-loopback address; use TLS, or set Transport:AllowPlaintext=true behind a mesh that encrypts");
        builder.Refuse(c => c.GetSection("Auth:Issuers").GetChildren().Any(i => !i.GetValue("RequireHttpsMetadata", true)),
            "Auth:Issuers:n:RequireHttpsMetadata", "an identity provider's keys fetched without TLS");
        builder.Refuse(c => string.IsNullOrEmpty(c["PageTokens:Key"]),
            "PageTokens:Key", "without it each replica makes its own key and refuses the page tokens of the others; give every replica of the service one key (base64, a Secret)");
    }

    /// <summary>A setting without which the service cannot start in any environment: logged, then refused at once.</summary>
    public static RefusedStartException Missing(WebApplicationBuilder builder, string setting, string why)
    {
        Log(builder.Environment.EnvironmentName, [(setting, why)]);
        return new RefusedStartException([setting]);
    }

    /// <summary>Logs every refusal and stops the start; called by MapServiceDefaults, once the service has added its rules.</summary>
    public static void ThrowIfRefused(IServiceProvider services, string environment)
    {
        if (services.GetService(typeof(StartupRefusals)) is not StartupRefusals { Count: > 0 } refusals)
        {
            return;
        }

        Log(environment, refusals);
        throw new RefusedStartException([.. refusals.Select(r => r.Setting)]);
    }

    private static void Log(string environment, IEnumerable<(string Setting, string Why)> refusals)
    {
        using var factory = LoggerFactory.Create(l => l.AddJsonConsole());
        var logger = factory.CreateLogger("Socialtjanst.Startup");
        foreach (var (setting, why) in refusals)
        {
            LogRefused(logger, environment, setting, why);
        }
    }

    private static StartupRefusals Refusals(WebApplicationBuilder builder)
    {
        var properties = ((IHostApplicationBuilder)builder).Properties;
        if (!properties.TryGetValue(Key, out var value) || value is not StartupRefusals list)
        {
            list = [];
            properties[Key] = list;
            builder.Services.AddSingleton(list);
        }

        return list;
    }

    /// <summary>
    /// The plaintext addresses Kestrel will listen on. With endpoints under Kestrel:Endpoints it binds those and ignores
    /// ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS (the base image sets the latter to 8080); without them it binds the
    /// URLs, or else every interface on each HTTP port, or else its default http://localhost:5000.
    /// </summary>
    public static IEnumerable<string> PlaintextAddresses(IConfiguration c)
    {
        var endpoints = c.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? "").Where(u => u.Length > 0).ToList();
        IEnumerable<string> addresses = endpoints.Count > 0 ? endpoints
            : (c["urls"] ?? c["ASPNETCORE_URLS"]) is { Length: > 0 } urls ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : (c["http_ports"] ?? c["ASPNETCORE_HTTP_PORTS"]) is { Length: > 0 } ports ? ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}")
            : [];
        return addresses.Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsLoopback(string url)
    {
        var host = url["http://".Length..].Split(':', '/')[0];
        return host is "localhost" or "127.0.0.1" or "[::1]";
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start in {Environment}: {Setting} is a development default ({Why}).")]
    private static partial void LogRefused(ILogger logger, string environment, string setting, string why);
}

using System.Reflection;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.Eligibility.Demo;

/// <summary>
/// A demo e-tjänst at /demo, served only where development defaults are allowed (the embedded default,
/// Development): a page a resident uses to see what they can use directly, built on the REST face alone.
/// It gets a short-lived eligibility.check token for the kommun chosen from /demo/token/{kommun}, minted with
/// the development signing key; that endpoint does not exist in any other environment.
/// </summary>
public static class DemoPage
{
    private static readonly (string Path, string File, string Type)[] Files =
    [
        ("/demo", "index.html", "text/html; charset=utf-8"),
        ("/demo/tillganglighet", "tillganglighet.html", "text/html; charset=utf-8"),
        ("/demo/demo.js", "demo.js", "text/javascript; charset=utf-8"),
        ("/demo/demo.css", "demo.css", "text/css; charset=utf-8"),
    ];

    public static WebApplication MapDemoPage(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<AuthOptions>();
        if (!ProductionSettings.AllowsDevelopmentDefaults(app.Environment) || auth.SigningKey.Length == 0)
        {
            return app;
        }

        foreach (var (path, file, type) in Files)
        {
            var content = Read(file);
            app.MapGet(path, (HttpContext context) =>
            {
                // Nothing inline, nothing from elsewhere: the page's own files and its own origin's API.
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Text(content, type);
            });
        }

        var issuer = new TokenIssuer(auth);
        app.MapGet("/demo/kommuner", (CatalogReplica.CatalogReplica replica) => replica.Municipalities.Order(StringComparer.Ordinal)
            .Select(code => new { code, name = replica.Get(code)?.Rules.LastOrDefault()?.MunicipalityDisplayName is { Length: > 0 } n ? n : "Kommun " + code })
            .ToList());
        app.MapPost("/demo/token/{kommun}", (string kommun, CatalogReplica.CatalogReplica replica, TimeProvider clock) =>
            MunicipalityCodes.IsValid(kommun) && replica.Get(kommun) is not null
                ? Results.Json(new { token = issuer.Issue(kommun, "demo-e-tjanst", [Api.EligibilityApi.CheckScope], clock.GetUtcNow(), TimeSpan.FromMinutes(15)) })
                : Results.NotFound());
        return app;
    }

    private static string Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Socialtjanst.Eligibility.Demo." + file)
            ?? throw new InvalidOperationException("The demo page's " + file + " is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

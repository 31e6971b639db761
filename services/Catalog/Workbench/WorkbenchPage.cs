using System.Reflection;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Settings;

namespace Socialtjanst.Catalog.Workbench;

/// <summary>
/// The nämnd's workbench at /workbench: plain HTML and JavaScript on the Catalog's REST face (and the
/// Eligibility's, named in /workbench/config). Where development defaults are allowed it signs in with a
/// development token for the kommun chosen (/workbench/token/{kommun}, catalog.read, catalog.write and
/// decisions.read, minted with the development key; that endpoint exists nowhere else, and answers only a caller
/// on this machine that presents the key in Workbench:DevelopmentKeyFile). Elsewhere it is
/// served only when Workbench:SignIn names the kommun's identity provider, and the browser signs in there.
/// </summary>
public static class WorkbenchPage
{
    private static readonly (string Path, string File, string Type)[] Files =
    [
        ("/workbench", "index.html", "text/html; charset=utf-8"),
        ("/workbench/tillganglighet", "tillganglighet.html", "text/html; charset=utf-8"),
        ("/workbench/workbench.js", "workbench.js", "text/javascript; charset=utf-8"),
        ("/workbench/workbench.css", "workbench.css", "text/css; charset=utf-8"),
    ];

    public static WebApplication MapWorkbench(this WebApplication app)
    {
        var options = SettingsReader.Read<WorkbenchOptions>(app.Configuration);
        var auth = app.Services.GetRequiredService<AuthOptions>();
        var development = ProductionSettings.AllowsDevelopmentDefaults(app.Environment) && auth.SigningKey.Length > 0 && options.SignIn.Authority.Length == 0;
        if (!development && (options.SignIn.Authority.Length == 0 || options.SignIn.ClientId.Length == 0))
        {
            return app;
        }

        // Nothing inline, nothing from elsewhere but the Eligibility's API and the identity provider.
        var connect = string.Join(' ', new[] { "'self'", Origin(options.EligibilityUrl), Origin(options.SignIn.Authority) }.Where(o => o.Length > 0));
        var policy = $"default-src 'self'; connect-src {connect}; frame-ancestors 'none'; form-action 'self'";
        foreach (var (path, file, type) in Files)
        {
            var content = Read(file);
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = policy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.CacheControl = "no-store";
                return Results.Text(content, type);
            });
        }

        app.MapGet("/workbench/config", async (Storage.CatalogStore store, Application.CatalogCache cache, CancellationToken ct) => Results.Json(new
        {
            eligibility = options.EligibilityUrl.TrimEnd('/'),
            signIn = development ? (object)"development" : new { authority = options.SignIn.Authority, clientId = options.SignIn.ClientId, scope = options.SignIn.Scope },
            kommuner = development ? await KommunerAsync(store, cache, ct) : [],
        }));

        // The page's labels for access and documentation, as the act in force on the day shown numbers them.
        app.MapGet("/workbench/law", (string? day) => DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var on)
            ? Results.Json(Labels(on))
            : Results.BadRequest());

        if (development && DevelopmentKey(options.DevelopmentKeyFile) is { } key)
        {
            var issuer = new TokenIssuer(auth);
            // Only to this machine, under its own name, with the key from the owner's data folder: another machine's
            // caller, a web page that rebinds its own name to 127.0.0.1 (its Host header is still its name), and
            // another account on this machine (it cannot read the folder) are not answered.
            app.MapPost("/workbench/token/{kommun}", (string kommun, HttpContext http, TimeProvider clock) =>
                MunicipalityCodes.IsValid(kommun) && kommun != "0000" && IsLocal(http) && Presents(http, key)
                    ? Results.Json(new { token = issuer.Issue(kommun, "workbench-dev", ["catalog.read", "catalog.write", "decisions.read"], clock.GetUtcNow(), TimeSpan.FromHours(1)) })
                    : Results.NotFound());
        }

        return app;
    }

    /// <summary>The workbench's labels on a day, each citing the act in force then (the law library, not page text).</summary>
    public static object Labels(DateOnly day) => new
    {
        act = Law.Statute.ActOn(day).Citation,
        access = new Dictionary<string, string>
        {
            ["ACCESS_DIRECT"] = $"Utan individuell behovsprövning ({Law.Statute.CitationOn(Law.Rule.DirectAccess, day)})",
            ["ACCESS_NEEDS_ASSESSED"] = $"Behovsprövad ({Law.Statute.CitationOn(Law.Rule.RightToApply, day)})",
        },
        basis = new Dictionary<string, string>
        {
            ["DOCUMENTATION_BASIS_FULL"] = $"Full dokumentation ({Law.Statute.CitationOn(Law.Rule.Documentation, day)})",
            ["DOCUMENTATION_BASIS_COUNSELLING_EXEMPTION"] = $"Undantag för rådgivande samtal ({Law.Statute.CitationOn(Law.Rule.CounsellingExemption, day)})",
            ["DOCUMENTATION_BASIS_IDENTITY_EXEMPTION"] = $"Särskilda skäl att inte röja identitet ({Law.Statute.CitationOn(Law.Rule.IdentityExemption, day)})",
            ["DOCUMENTATION_BASIS_PRE_2025_SERVICE"] = $"Serviceinsats utan dokumentation ({Law.Statute.SoL2001.Citation}, före {Law.Statute.InWords(Law.Statute.NewActInForce)})",
        },
    };

    /// <summary>The development key header the page sends.</summary>
    public const string KeyHeader = "X-Workbench-Key";

    /// <summary>The key in the file (at least 32 characters), or null: no file, no development sign-in.</summary>
    private static byte[]? DevelopmentKey(string file) =>
        file.Length > 0 && File.Exists(file) && File.ReadAllText(file).Trim() is { Length: >= 32 } key ? System.Text.Encoding.UTF8.GetBytes(key) : null;

    private static bool Presents(HttpContext http, byte[] key) =>
        http.Request.Headers[KeyHeader].ToString() is { Length: > 0 } presented
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), key);

    /// <summary>A call from this machine (a loopback address) that names this machine in its Host header.</summary>
    public static bool IsLocal(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote)
        && http.Request.Host.Host is "127.0.0.1" or "localhost" or "[::1]" or "::1";

    /// <summary>The kommuner the catalog holds, by code and name, for the development sign-in's list.</summary>
    private static async Task<List<object>> KommunerAsync(Storage.CatalogStore store, Application.CatalogCache cache, CancellationToken ct)
    {
        var list = new List<object>();
        foreach (var code in (await store.RevisionsAsync(ct)).Keys.Order(StringComparer.Ordinal))
        {
            var name = (await cache.GetAsync(code, ct)).Rules.LastOrDefault()?.MunicipalityDisplayName;
            list.Add(new { code, name = string.IsNullOrEmpty(name) ? "Kommun " + code : name });
        }

        return list;
    }

    private static string Origin(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "";

    private static string Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Socialtjanst.Catalog.Workbench." + file)
            ?? throw new InvalidOperationException("The workbench's " + file + " is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.Text.Json;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Suite;

/// <summary>
/// The embedded default: every service in one process, each on its own loopback port with its own
/// SQLite database under the data folder, seed catalogs loaded, development tokens written.
/// </summary>
public static class SuiteHost
{
    /// <summary>
    /// The seeded kommuner that get development tokens: every kommun with a seed catalog
    /// (catalogs/{kommunkod}-{name}-{year}.yaml), so a new kommun is one file.
    /// </summary>
    public static string[] SeededMunicipalities =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "catalogs"), "*.yaml")
            .Select(f => Path.GetFileName(f)[..4])
            .Where(c => c.All(char.IsAsciiDigit))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    public static readonly string[] DevScopes = ["catalog.read", "catalog.write", "eligibility.check", "decisions.read", "followup.read", "followup.write", "documentation.use", "audit.read"];

    /// <summary>
    /// Why the embedded default must not run, or null: it runs only where every way of naming the environment says
    /// exactly "Development" or says nothing (DOTNET_ENVIRONMENT, ASPNETCORE_ENVIRONMENT, --environment). "Staging",
    /// "Prod", "production", or Development beside another name are production-like.
    /// </summary>
    public static string? RefusedEnvironment(string[] args)
    {
        var named = new List<string?> { Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"), Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") };
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.Equals("--environment", StringComparison.OrdinalIgnoreCase))
            {
                named.Add(i + 1 < args.Length ? args[i + 1] : "");
            }
            else if (arg.StartsWith("--environment=", StringComparison.OrdinalIgnoreCase))
            {
                named.Add(arg["--environment=".Length..]);
            }
        }

        var other = named.Where(n => !string.IsNullOrEmpty(n) && !string.Equals(n, "Development", StringComparison.Ordinal)).ToList();
        return other.Count == 0 ? null : string.Join(", ", other.Distinct(StringComparer.Ordinal));
    }

    public static async Task<int> RunAsync(string[] args, IReadOnlyList<SuiteService> services)
    {
        if (RefusedEnvironment(args) is { } environment)
        {
            await Console.Error.WriteLineAsync($"The embedded default (a generated signing key, development tokens on disk, seed catalogs imported) " +
                $"runs only in Development; the environment is {environment}. Every other name is production-like: run each service with its own settings (README, Configuration).");
            return 2;
        }

        var config = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables("SUITE_").Build();
        var dataDirectory = Path.GetFullPath(config["DataDirectory"] ?? Path.Combine(RepositoryRoot(), "data"));
        OwnerOnly.Apply(dataDirectory);
        // The databases live in the data folder unless told otherwise: a second suite process given the first
        // one's folder here (and its signing key) is a second replica of every service over the same databases.
        var databaseDirectory = Path.GetFullPath(config["DatabaseDirectory"] ?? dataDirectory);
        var signingKey = LoadOrCreateKey(Path.Combine(dataDirectory, "dev-signing-key"));
        WriteDevTokens(Path.Combine(dataDirectory, "dev-tokens.json"), signingKey);
        var workbenchKeyFile = Path.Combine(dataDirectory, "workbench.key");
        var workbenchKey = LoadOrCreateWorkbenchKey(workbenchKeyFile);

        // --PostgreSql <connection string>: every service's database on that server instead of SQLite files, one database
        // per service named for the database folder (so a second process given the same folder shares them).
        var postgres = config["PostgreSql"];
        var databasePrefix = "suite_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(databaseDirectory)))[..12];
        var issuer = new TokenIssuer(new AuthOptions { SigningKey = signingKey });
        var catalogRestPort = config.GetValue("CatalogRestPort", 5111);
        var configuration = new SuiteConfiguration(signingKey, dataDirectory)
        {
            Database = postgres is { Length: > 0 } ? SuiteDatabase.PostgreSql(postgres, databasePrefix) : SuiteDatabase.SqliteFiles,
            DatabaseDirectory = databaseDirectory,
            CatalogAddress = $"http://127.0.0.1:{config.GetValue("CatalogPort", 5101)}",
            // The suite's own services read every kommun's catalog under a platform identity ("0000"); within
            // Auth:MaxTokenLifetime (31 days): restart the suite within a month.
            ReplicaToken = issuer.Issue("0000", "suite-services", ["catalog.replicate"], TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(30)),
            DrainDelay = TimeSpan.FromSeconds(1), // no load balancer in front of the embedded default
        }.With(new Dictionary<string, string?>
        {
            // The nämnd's workbench, served by the Catalog's REST face, calls the Eligibility's from the browser.
            ["Workbench:EligibilityUrl"] = $"http://127.0.0.1:{config.GetValue("EligibilityRestPort", 5112)}",
            ["Workbench:Origins:0"] = $"http://127.0.0.1:{catalogRestPort}",
            ["Workbench:Origins:1"] = $"http://localhost:{catalogRestPort}",
            ["Workbench:DevelopmentKeyFile"] = workbenchKeyFile,
        });
        var apps = new List<WebApplication>();
        foreach (var service in services)
        {
            var port = config.GetValue($"{service.Name}Port", service.DefaultPort);
            var restPort = service.DefaultRestPort is { } rp ? config.GetValue($"{service.Name}RestPort", rp) : (int?)null;
            apps.Add(service.Build(configuration, $"http://127.0.0.1:{port}", restPort is null ? null : $"http://127.0.0.1:{restPort}"));
        }

        foreach (var app in apps)
        {
            await app.StartAsync();
        }

        Console.WriteLine($"Suite ready: {string.Join(", ", apps.Zip(services, (a, s) => $"{s.Name} {string.Join(' ', a.Urls)}"))}; tokens in {Path.Combine(dataDirectory, "dev-tokens.json")}");
        // To this terminal only (not the log): the workbench's address with the key its development sign-in asks for.
        Console.WriteLine($"Workbench: http://127.0.0.1:{config.GetValue("CatalogRestPort", 5111)}/workbench#key={workbenchKey} (the key is also in {workbenchKeyFile})");
        await Task.WhenAll(apps.Select(a => a.WaitForShutdownAsync()));
        return 0;
    }

    /// <summary>The checkout this runs from (where Socialtjanst.slnx is), so data/ lands at its top.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Socialtjanst.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static string LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var key = TokenIssuer.NewKey();
        File.WriteAllText(path, key);
        return key;
    }

    // 64 hex digits: safe in an address's fragment as written.
    private static string LoadOrCreateWorkbenchKey(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } existing)
        {
            return existing;
        }

        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, key);
        return key;
    }

    private static void WriteDevTokens(string path, string signingKey)
    {
        var issuer = new TokenIssuer(new AuthOptions { SigningKey = signingKey });
        var tokens = SeededMunicipalities.ToDictionary(
            code => code,
            code => issuer.Issue(code, $"dev-{code}", DevScopes, TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(30)));
        File.WriteAllText(path, JsonSerializer.Serialize(tokens, new JsonSerializerOptions { WriteIndented = true }));
    }
}


namespace Socialtjanst.Suite;

/// <summary>
/// What an in-process host gives each service, written once: the embedded default, the tests' hosts and the bench
/// build every service's settings here and nowhere else. A service's own settings types (docs/settings.md) say what
/// each key means; this says which values a host that runs services in one process chooses for them.
/// </summary>
/// <param name="SigningKey">The key the suite's development tokens are signed with (Auth:SigningKey).</param>
/// <param name="DataDirectory">Where each service keeps its copy of the catalog ({service}-catalog), and its SQLite file
/// when <see cref="Database"/> names no server.</param>
public sealed record SuiteConfiguration(string SigningKey, string DataDirectory)
{
    /// <summary>Each service's database: SQLite files by default, or one database per service on a server.</summary>
    public SuiteDatabase Database { get; init; } = SuiteDatabase.SqliteFiles;

    /// <summary>Where the SQLite files are, when not in <see cref="DataDirectory"/> (a second process over the first one's files).</summary>
    public string? DatabaseDirectory { get; init; }

    /// <summary>The Catalog's gRPC address the other services replicate from (empty for the Catalog itself).</summary>
    public string CatalogAddress { get; init; } = "";

    /// <summary>The platform token ("0000", catalog.replicate) the other services replicate with.</summary>
    public string ReplicaToken { get; init; } = "";

    /// <summary>The Catalog imports the seed catalogs when its database has none.</summary>
    public bool Seed { get; init; } = true;

    /// <summary>How long a stopping service keeps answering before it drains (no load balancer in process: short).</summary>
    public TimeSpan DrainDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Replication retries, circuit breaks and discovery in a second or less (tests, where a Catalog restarts), and no
    /// full collection after each host's start (the tests' hosts share one process).
    /// </summary>
    public bool QuickReplication { get; init; }

    /// <summary>Call limits so high they never refuse (their bookkeeping is still paid): load tests and the bench.</summary>
    public bool Unlimited { get; init; }

    /// <summary>Settings every service gets last, winning over the above (a test's own).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>The settings of one service of the suite.</summary>
    public Dictionary<string, string?> For(string service)
    {
        var name = service.ToLowerInvariant();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Auth:SigningKey"] = SigningKey,
            ["Shutdown:DrainDelay"] = DrainDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Database:Provider"] = Database.Provider.ToString(),
            ["Database:ConnectionString"] = Database.ConnectionString(name, DatabaseDirectory ?? DataDirectory),
            ["Database:CreateIfMissing"] = "true",
            ["Catalog:Seed:Enabled"] = Seed ? "true" : "false",
            ["CatalogReplica:CatalogAddress"] = CatalogAddress,
            ["CatalogReplica:Token"] = ReplicaToken,
            ["CatalogReplica:StateDirectory"] = Path.Combine(DataDirectory, name + "-catalog"),
        };
        if (QuickReplication)
        {
            settings["CatalogReplica:InitialBackoff"] = "00:00:00.100";
            settings["CatalogReplica:MaxBackoff"] = "00:00:01";
            settings["CatalogReplica:BreakDuration"] = "00:00:00.500";
            settings["CatalogReplica:DiscoveryInterval"] = "00:00:01";
            settings["CatalogReplica:SettleAfterStart"] = "false"; // the tests' hosts share one process: no full collection per host
        }

        if (Unlimited)
        {
            settings["CallLimits:MunicipalityPerSecond"] = "100000000";
            settings["CallLimits:MunicipalityBurst"] = "100000000";
            settings["CallLimits:CallerPerSecond"] = "100000000";
            settings["CallLimits:CallerBurst"] = "100000000";
            settings["CallLimits:MunicipalityConcurrency"] = "1000000";
        }

        foreach (var (key, value) in Overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>These settings with <paramref name="more"/> added last (they win).</summary>
    public SuiteConfiguration With(IEnumerable<KeyValuePair<string, string?>>? more)
    {
        var merged = new Dictionary<string, string?>(Overrides, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in more ?? [])
        {
            merged[key] = value;
        }

        return this with { Overrides = merged };
    }
}

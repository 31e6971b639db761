namespace Socialtjanst.CatalogReplica;

/// <summary>Where the Catalog is, who this service is to it, and where the local copies live.</summary>
public sealed class CatalogReplicaOptions
{
    public const string Section = "CatalogReplica";

    /// <summary>The Catalog's address, e.g. http://127.0.0.1:5101.</summary>
    public string CatalogAddress { get; set; } = "";

    /// <summary>A bearer token with the scope catalog.replicate.</summary>
    public string Token { get; set; } = "";

    /// <summary>Folder of the last-known-good copies, one file per kommun.</summary>
    public string StateDirectory { get; set; } = "";

    /// <summary>First wait after a lost stream; doubles, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the list of kommuner is asked for again, to pick up new ones.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of each unary call to the Catalog.</summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(5);
}

using Socialtjanst.Settings;

namespace Socialtjanst.Catalog.Application;

/// <summary>Where seed catalogs come from, and whether to load them at start.</summary>
public sealed class SeedOptions : ISettings
{
    public static string Section => "Catalog:Seed";

    /// <summary>Import the seed catalogs at start into kommuner that have no catalog yet (the embedded default); refused outside Development unless Catalog:Seed:AllowOutsideDevelopment is set.</summary>
    public bool Enabled { get; set; }

    /// <summary>Folder of *.yaml catalog files; the service's own catalogs/ folder when empty.</summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// Import a seed file over a kommun that already has a catalog (a development reset). Off: a seed is imported only
    /// into a kommun with no catalog yet, so a restart never reverts what the nämnd has edited since.
    /// </summary>
    public bool Overwrite { get; set; }
}

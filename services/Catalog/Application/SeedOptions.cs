namespace Socialtjanst.Catalog.Application;

/// <summary>Where seed catalogs come from, and whether to load them at start.</summary>
public sealed class SeedOptions
{
    public const string Section = "Catalog:Seed";

    public bool Enabled { get; set; }

    /// <summary>Folder of *.yaml catalog files; the service's own catalogs/ folder when empty.</summary>
    public string Directory { get; set; } = "";
}

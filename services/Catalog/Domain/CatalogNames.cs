namespace Socialtjanst.Catalog.Domain;

/// <summary>Resource names of the catalog (AIP-122).</summary>
public static class CatalogNames
{
    public const string Prefix = "municipalities/";

    public static string Municipality(string code) => Prefix + code;

    public static string Intervention(string code, string id) => $"{Prefix}{code}/interventions/{id}";

    /// <summary>The id of an insats from its name: the last segment.</summary>
    public static string InterventionId(string name) => name[(name.LastIndexOf('/') + 1)..];

    public static string Rules(string code) => $"{Prefix}{code}/rules";

    /// <summary>A kommunkod: four digits (the same shape the suite's tokens and names use).</summary>
    public static bool IsMunicipalityCode(string code) => code is { Length: 4 } && code.All(char.IsAsciiDigit);
}

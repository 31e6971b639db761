namespace Socialtjanst.Catalog.Domain;

/// <summary>Resource names of the catalog (AIP-122).</summary>
public static class CatalogNames
{
    public const string Prefix = "municipalities/";

    public static string Municipality(string code) => Prefix + code;

    public static string Intervention(string code, string id) => $"{Prefix}{code}/interventions/{id}";

    public static string Rules(string code) => $"{Prefix}{code}/rules";
}

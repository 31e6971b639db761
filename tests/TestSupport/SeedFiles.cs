namespace Socialtjanst.TestSupport;

/// <summary>The seed catalogs as shipped with the Catalog.</summary>
public static class SeedFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "catalogs");

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public const string Kalix2025 = "2514-kalix-2025.yaml";
    public const string Kalix2001 = "2514-kalix-2001.yaml";
    public const string Alingsas = "1489-alingsas-2025.yaml";
    public const string Exempelkommun = "9999-exempelkommun-2025.yaml";
}

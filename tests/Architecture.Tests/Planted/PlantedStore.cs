namespace Socialtjanst.Architecture.Tests.Planted.Storage;

/// <summary>A planted store for the planted Api to call. Never used.</summary>
internal static class PlantedStore
{
    public static int Count() => 0;
}

namespace Socialtjanst.Architecture.Tests.Planted.Api;

/// <summary>A planted "Api" type that calls a store (Storage) directly. Never used.</summary>
internal static class PlantedApi
{
    public static int Violation() => Storage.PlantedStore.Count();
}

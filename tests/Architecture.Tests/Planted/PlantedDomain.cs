namespace Socialtjanst.Architecture.Tests.Planted.Domain;

/// <summary>Planted violations for <see cref="CompiledLayeringTests"/>: a "domain" type using transport, data access and the clock. Never used.</summary>
internal static class PlantedDomain
{
    public static object Violations() => (new Grpc.Core.Status(Grpc.Core.StatusCode.OK, ""), DateTime.UtcNow, typeof(System.Data.IDbConnection), Socialtjanst.Hosting.Auth.MunicipalityCodes.IsValid("2514"));
}

namespace Socialtjanst.Hosting.Auth;

/// <summary>The claims a caller's token carries.</summary>
public static class SuiteClaims
{
    /// <summary>The caller's kommunkod: the tenant. Never taken from a request field.</summary>
    public const string Municipality = "kommun";

    /// <summary>Space-separated scopes, e.g. "catalog.read catalog.write".</summary>
    public const string Scope = "scope";

    /// <summary>The caller's unit within the kommun (for audit), optional.</summary>
    public const string Unit = "unit";
}

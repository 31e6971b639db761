namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// An identity provider whose tokens a service accepts (Auth:Issuers:n): its keys come from its OIDC
/// discovery document and JWKS (rotation honoured: an unknown key id makes the service fetch them again),
/// signed RS256 or ES256, and it may speak for the kommuner listed here only.
/// </summary>
public sealed class TrustedIssuer
{
    /// <summary>The token's <c>iss</c>, exactly, e.g. "https://login.kalix.se/realms/socialtjanst".</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The discovery document; default <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public string MetadataAddress { get; set; } = "";

    /// <summary>The kommunkoder this issuer may assert in its tokens; a token for another is refused.</summary>
    public List<string> Municipalities { get; set; } = [];

    /// <summary>The claim that carries the kommunkod in this issuer's tokens.</summary>
    public string MunicipalityClaim { get; set; } = SuiteClaims.Municipality;

    /// <summary>The claim that carries the scopes: a space-separated string, or one claim per scope (e.g. "scp").</summary>
    public string ScopeClaim { get; set; } = SuiteClaims.Scope;

    /// <summary>The signing algorithms accepted from it.</summary>
    public List<string> Algorithms { get; set; } = ["RS256", "ES256"];

    /// <summary>Discovery over HTTPS only; false is for a test's loopback provider and refused outside Development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The shortest time between two fetches of the keys when a token names a key id not yet known.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The discovery document's address, defaulted from the issuer.</summary>
    public string Metadata => MetadataAddress.Length > 0 ? MetadataAddress : Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
}

namespace Socialtjanst.Hosting.Auth;

/// <summary>How bearer tokens are signed and checked. The key never lives in the repository.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "socialtjanst";

    public string Audience { get; set; } = "socialtjanst";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// The longest a token may live (exp − iat); a longer one is refused, as is one without iat or
    /// issued in the future. Default 31 days (development tokens live 30).
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(31);

    /// <summary>The platform identity's kommun claim: the only caller whose catalog.replicate scope counts.</summary>
    public string PlatformMunicipality { get; set; } = "0000";
}

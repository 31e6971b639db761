namespace Socialtjanst.Hosting.Auth;

/// <summary>How bearer tokens are signed and checked. The key never lives in the repository.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "socialtjanst";

    public string Audience { get; set; } = "socialtjanst";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";
}

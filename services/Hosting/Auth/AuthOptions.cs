using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Hosting.Auth;

/// <summary>How bearer tokens are signed and checked. The key never lives in the repository.</summary>
public sealed class AuthOptions : ISettings
{
    public static string Section => "Auth";

    /// <summary>The issuer (`iss`) of the suite's own development tokens, signed with `SigningKey`.</summary>
    public string Issuer { get; set; } = "socialtjanst";

    /// <summary>The audience a token must name: set one per service (e.g. "socialtjanst-eligibility") so a token for one is refused by the others.</summary>
    public string Audience { get; set; } = "socialtjanst";

    /// <summary>
    /// Base64 HMAC-SHA256 key of at least 32 bytes, for the suite's own development tokens (the embedded
    /// default, tests, the bench). Optional when <see cref="Issuers"/> are configured; outside Development
    /// it needs Auth:AllowSharedKey.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The kommuner's identity providers (OIDC discovery + JWKS, RS256/ES256), each with the kommuner it may speak for.</summary>
    public List<TrustedIssuer> Issuers { get; set; } = [];

    /// <summary>
    /// The longest a token may live (exp − iat); a longer one is refused, as is one without iat or
    /// issued in the future. Default 31 days (development tokens live 30).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "366.00:00:00")]
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(31);

    /// <summary>
    /// How long a token's validation is kept for its next calls (never past its expiry, and only while the key that
    /// signed it is still trusted; the revocation list is read on every call). 00:00:00 validates every call in full.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ValidatedTokenLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A file of token ids (`jti`) refused before they expire, one a line (`#` starts a comment), read at start and again
    /// every `RevokedTokenIdsFileInterval`: a mounted ConfigMap, so a stolen token is stopped without a restart. Refused
    /// together with `RevokedTokenIds`. When set, the file must exist at start; one that cannot be read later leaves the
    /// last list read in force.
    /// </summary>
    public string RevokedTokenIdsFile { get; set; } = "";

    /// <summary>How often the revocation file is read again (the kubelet brings a ConfigMap's change to a pod within about a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RevokedTokenIdsFileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The platform identity's kommun claim: the only caller whose catalog.replicate scope counts.</summary>
    [RegularExpression("^[0-9]{4}$", ErrorMessage = "{0} must be a kommunkod of four digits.")]
    public string PlatformMunicipality { get; set; } = "0000";
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Audit;

/// <summary>
/// The access log keeps who acted as a keyed pseudonym, never the token's subject as given (a subject
/// from e-legitimation is often a personnummer): "ps:" and 32 hex digits of HMAC-SHA256 over the
/// subject, under the kommun's own key (Audit:SubjectKeys:{kommunkod}, base64), or — where a kommun
/// has none — the deployment's (Audit:SubjectKey, base64), or one derived from the development signing key. A kommun's auditors, who hold their key,
/// resolve a pseudonym by computing it for the subjects they suspect; the service finds a person's
/// events when an auditor filters by the subject in clear, which it pseudonymizes the same way and
/// never stores. The unit claim is kept, unless it too looks like a personnummer.
/// </summary>
public sealed class SubjectPseudonyms(IConfiguration configuration, AuthOptions auth)
{
    private readonly byte[]? fallback =
        configuration["Audit:SubjectKey"] is { Length: > 0 } deployment ? Convert.FromBase64String(deployment)
        : auth.SigningKey.Length > 0 ? HKDF.DeriveKey(HashAlgorithmName.SHA256, TokenIssuer.DecodeKey(auth.SigningKey), 32, info: "socialtjanst/audit-subject"u8.ToArray())
        : null;

    /// <summary>Whether every kommun has a key: its own or the deployment's. Checked at start (AddAudit).</summary>
    public static bool Configured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["Audit:SubjectKey"]) || !string.IsNullOrEmpty(configuration["Auth:SigningKey"]);

    public string Of(string municipalityCode, string subject)
    {
        if (subject.Length == 0)
        {
            return "";
        }

        var configured = configuration[$"Audit:SubjectKeys:{municipalityCode}"];
        var key = string.IsNullOrEmpty(configured)
            ? fallback ?? throw new InvalidOperationException("Audit:SubjectKey must be configured.")
            : Convert.FromBase64String(configured);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(municipalityCode + "\n" + subject));
        return "ps:" + Convert.ToHexStringLower(mac)[..32];
    }

    /// <summary>
    /// The token's unit, pseudonymized like a subject: an identity provider may put a person's name, e-mail or
    /// personnummer there, and the access log keeps nothing it cannot vouch for. A kommun maps its own units' names to
    /// their pseudonyms with its key (the same unit always gives the same one).
    /// </summary>
    public string Unit(string municipalityCode, string unit) => Of(municipalityCode, unit);
}

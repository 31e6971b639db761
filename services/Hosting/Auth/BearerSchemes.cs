using Microsoft.IdentityModel.JsonWebTokens;

namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// The JwtBearer schemes behind the suite's one scheme: one per trusted issuer ("issuer-0", "issuer-1", …) and, where a
/// signing key is configured, the suite's own HS256 tokens ("shared-key"). A token's scheme is chosen by its <c>iss</c>,
/// read and not trusted: that scheme then validates it in full.
/// </summary>
public sealed class BearerSchemes(IReadOnlyList<TrustedIssuer> issuers, bool shared)
{
    public const string SharedKey = "shared-key";

    public static string IssuerScheme(int index) => "issuer-" + index;

    /// <summary>The scheme of the Authorization header's token; the shared key (or the first issuer) for anything else.</summary>
    public string For(string? header)
    {
        if (issuers.Count > 0 && header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var iss = new JsonWebToken(header["Bearer ".Length..].Trim()).Issuer;
                for (var i = 0; i < issuers.Count; i++)
                {
                    if (string.Equals(issuers[i].Issuer, iss, StringComparison.Ordinal))
                    {
                        return IssuerScheme(i);
                    }
                }
            }
            catch (ArgumentException)
            {
                // Not a JWT: the default scheme refuses it.
            }
        }

        return shared ? SharedKey : IssuerScheme(0);
    }
}

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Socialtjanst.Hosting.Auth;

/// <summary>The lifetime rules JwtBearer does not check itself: iat present, not in the future, exp − iat within the maximum.</summary>
public static class TokenLifetime
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    /// <summary>Why the token is refused (for the authentication log, never the caller), or null.</summary>
    public static string? Refusal(SecurityToken token, TimeSpan maximum, DateTimeOffset now)
    {
        if (token is not JsonWebToken jwt || !jwt.TryGetPayloadValue<long>("iat", out var iat))
        {
            return "token without iat";
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(iat);
        if (issued > now + Skew)
        {
            return "token issued in the future";
        }

        return jwt.ValidTo - issued.UtcDateTime > maximum + Skew ? "token lifetime over the maximum" : null;
    }
}

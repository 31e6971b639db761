using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Socialtjanst.Hosting.Auth;

/// <summary>Issues bearer tokens. In production an identity provider does this; the suite uses it
/// for development tokens, tests and the bench.</summary>
public sealed class TokenIssuer(AuthOptions options)
{
    public string Issue(string municipalityCode, string subject, IEnumerable<string> scopes, DateTimeOffset now, TimeSpan lifetime, string? unit = null)
    {
        var handler = new JsonWebTokenHandler();
        var claims = new List<Claim>
        {
            new("sub", subject),
            new("jti", Guid.NewGuid().ToString("N")),
            new(SuiteClaims.Municipality, municipalityCode),
            new(SuiteClaims.Scope, string.Join(' ', scopes)),
        };
        if (unit is not null)
        {
            claims.Add(new Claim(SuiteClaims.Unit, unit));
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddSeconds(-5),
            Expires = (now + lifetime).UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(DecodeKey(options.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] DecodeKey(string key)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Auth:SigningKey must be base64.");
        }

        return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Auth:SigningKey must be configured: base64 of at least 32 bytes.");
    }
}

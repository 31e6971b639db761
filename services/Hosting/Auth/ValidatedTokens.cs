using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// A token's validation (signature, issuer, audience, algorithm, lifetime) done once and kept for the token's next calls:
/// a portal sends the same token on every call of a visit, and checking its signature again each time was ~15 % of a
/// call (bench/README.md, "The pipeline"). Kept at most <see cref="AuthOptions.ValidatedTokenLifetime"/> and never past
/// the token's expiry; only while the key that signed it is still among the keys the scheme trusts (a key the provider
/// removed from its JWKS stops the cached tokens at the next fetch, as it stops new ones); at most <see cref="Capacity"/>
/// tokens per scheme (then emptied and filled again). Refusals are never kept. What is decided per call stays per call:
/// the revocation list, the lifetime rule and the kommun (BearerTokens' OnTokenValidated) run on every call, each on its
/// own copy of the claims.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock, TimeSpan lifetime) : JsonWebTokenHandler
{
    /// <summary>Tokens kept per scheme at most.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> kept = new(StringComparer.Ordinal);

    /// <summary>How many validations were answered from what was kept (for tests and the bench).</summary>
    public long Hits => Interlocked.Read(ref hits);

    private long hits;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (kept.TryGetValue(token, out var entry))
        {
            if (entry.Until > now && StillTrusted(entry.Key, validationParameters))
            {
                Interlocked.Increment(ref hits);
                return Copy(entry.Result);
            }

            kept.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (lifetime > TimeSpan.Zero && result.IsValid && result.SecurityToken is JsonWebToken jwt && jwt.SigningKey is { } key && result.ClaimsIdentity is not null)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc));
            var until = now + lifetime < expires ? now + lifetime : expires;
            if (kept.Count >= Capacity)
            {
                kept.Clear();
            }

            kept[token] = new Entry(result, key, until);
            return Copy(result);
        }

        return result;
    }

    // The key is trusted while the scheme's parameters still hold it: the same key, or a key of the same id (the JWKS
    // fetched again gives new key objects for the keys the provider still publishes).
    private static bool StillTrusted(SecurityKey key, TokenValidationParameters parameters) =>
        Same(parameters.IssuerSigningKey, key) || (parameters.IssuerSigningKeys?.Any(k => Same(k, key)) ?? false);

    private static bool Same(SecurityKey? candidate, SecurityKey key) =>
        candidate is not null && (ReferenceEquals(candidate, key) || (!string.IsNullOrEmpty(key.KeyId) && string.Equals(candidate.KeyId, key.KeyId, StringComparison.Ordinal)));

    // Every call gets its own claims: the kommun's claims are normalized in place per call.
    private static TokenValidationResult Copy(TokenValidationResult kept) => new()
    {
        IsValid = true,
        ClaimsIdentity = kept.ClaimsIdentity.Clone(),
        SecurityToken = kept.SecurityToken,
        Issuer = kept.Issuer,
        TokenType = kept.TokenType,
    };

    private sealed record Entry(TokenValidationResult Result, SecurityKey Key, DateTimeOffset Until);
}

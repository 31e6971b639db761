using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// A token's authentication (JwtBearer's validation of signature, issuer, audience, algorithm and lifetime, and the suite's
/// own rules after it: the lifetime maximum, the revocation list, the kommun the issuer may speak for) done once and kept
/// for the token's next calls: a portal sends the same token on every call of a visit, and authenticating it again each
/// time was the largest part of the pipeline's cost (bench/README.md, "The pipeline"). Kept by the whole Authorization
/// header, at most <see cref="AuthOptions.ValidatedTokenLifetime"/> and never past the token's expiry, and at most
/// <see cref="Capacity"/> tokens (then emptied and filled again). Refusals are never kept. What can change while a token is
/// kept is checked by <see cref="BearerScheme"/> on every call: the revocation list, and that the key which signed it is
/// still among the keys its issuer publishes.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock, TimeSpan lifetime)
{
    /// <summary>Tokens kept at most.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Kept> kept = new(StringComparer.Ordinal);
    private long hits;

    /// <summary>How many calls were answered from what was kept (for tests and the bench).</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>What is kept for this Authorization header, if it is still within its time.</summary>
    public Kept? Find(string header)
    {
        if (!kept.TryGetValue(header, out var entry))
        {
            return null;
        }

        if (entry.Until > clock.GetUtcNow())
        {
            return entry;
        }

        kept.TryRemove(header, out _);
        return null;
    }

    /// <summary>Counts a call answered from what was kept.</summary>
    public void Hit() => Interlocked.Increment(ref hits);

    public void Forget(string header) => kept.TryRemove(header, out _);

    /// <summary>Keeps a successful authentication of the header's token, validated by the given JwtBearer scheme.</summary>
    public void Keep(string header, AuthenticationTicket ticket, JsonWebToken token, string scheme)
    {
        if (lifetime <= TimeSpan.Zero || token.SigningKey is not { } key)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var expires = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
        if (kept.Count >= Capacity)
        {
            kept.Clear();
        }

        kept[header] = new Kept(ticket, key, token.Id, scheme, now + lifetime < expires ? now + lifetime : expires);
    }

    /// <summary>
    /// One kept authentication. Its principal is shared by the token's calls: nothing changes a principal after
    /// validation (the kommun's claims are put in place by <see cref="BearerTokens"/> before it is kept).
    /// </summary>
    public sealed class Kept(AuthenticationTicket ticket, SecurityKey key, string? tokenId, string scheme, DateTimeOffset until)
    {
        public Task<AuthenticateResult> Result { get; } = Task.FromResult(AuthenticateResult.Success(ticket));

        public SecurityKey Key => key;

        public string? TokenId => tokenId;

        public string Scheme => scheme;

        public DateTimeOffset Until => until;
    }

    /// <summary>The token a JwtBearer scheme validated and the suite's rules accepted, for this request (an HttpContext feature).</summary>
    public sealed record Accepted(JsonWebToken Token);
}

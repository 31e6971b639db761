using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// A token's validation kept for its next calls (ValidatedTokens), on a clock the test moves: kept no longer than its
/// lifetime or the token's expiry, given up when the key that signed it is no longer trusted, never kept for a refusal,
/// and each call given its own claims.
/// </summary>
public sealed class ValidatedTokenTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock clock = new();
    private readonly AuthOptions auth = new() { SigningKey = TokenIssuer.NewKey() };

    private TokenValidationParameters Parameters(string? signingKey = null) => new()
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = auth.Audience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        IssuerSigningKey = new SymmetricSecurityKey(TokenIssuer.DecodeKey(signingKey ?? auth.SigningKey)),
        RequireExpirationTime = true,
    };

    private string Token(TimeSpan lifetime) => new TokenIssuer(auth).Issue("2514", "caseworker", ["catalog.read"], DateTimeOffset.UtcNow, lifetime);

    [Fact]
    public async Task TheSameToken_IsValidatedOnce_AndKeptForItsLifetime()
    {
        var handler = new ValidatedTokens(clock, TimeSpan.FromMinutes(1));
        var parameters = Parameters();
        var token = Token(TimeSpan.FromHours(1));
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.Equal(1, handler.Hits);

        clock.Now += TimeSpan.FromMinutes(1);
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.Equal(1, handler.Hits); // validated again in full: kept no longer than the setting
    }

    [Fact]
    public async Task AValidation_IsNeverKeptPastTheTokensExpiry()
    {
        var handler = new ValidatedTokens(clock, TimeSpan.FromMinutes(10));
        var token = Token(TimeSpan.FromMinutes(2));
        var parameters = Parameters();
        await handler.ValidateTokenAsync(token, parameters);
        clock.Now += TimeSpan.FromMinutes(3);
        await handler.ValidateTokenAsync(token, parameters);
        Assert.Equal(0, handler.Hits);
    }

    [Fact]
    public async Task AKeyNoLongerTrusted_StopsTheKeptValidation()
    {
        var handler = new ValidatedTokens(clock, TimeSpan.FromMinutes(1));
        var token = Token(TimeSpan.FromHours(1));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        var rotated = await handler.ValidateTokenAsync(token, Parameters(TokenIssuer.NewKey())); // the key the token was signed with is gone
        Assert.False(rotated.IsValid);
        Assert.Equal(0, handler.Hits);
    }

    [Fact]
    public async Task ARefusal_IsNotKept_AndEachCallHasItsOwnClaims()
    {
        var handler = new ValidatedTokens(clock, TimeSpan.FromMinutes(1));
        var forged = Token(TimeSpan.FromHours(1))[..^4] + "AAAA";
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.Equal(0, handler.Hits);

        var token = Token(TimeSpan.FromHours(1));
        var parameters = Parameters();
        var first = await handler.ValidateTokenAsync(token, parameters);
        first.ClaimsIdentity.AddClaim(new Claim("kommun", "1489")); // what one call does to its claims
        var second = await handler.ValidateTokenAsync(token, parameters);
        Assert.Equal(1, handler.Hits);
        Assert.Equal(["2514"], second.ClaimsIdentity.FindAll("kommun").Select(c => c.Value));
    }

    [Fact]
    public async Task Zero_ValidatesEveryCallInFull()
    {
        var handler = new ValidatedTokens(clock, TimeSpan.Zero);
        var token = Token(TimeSpan.FromHours(1));
        var parameters = Parameters();
        await handler.ValidateTokenAsync(token, parameters);
        await handler.ValidateTokenAsync(token, parameters);
        Assert.Equal(0, handler.Hits);
    }
}

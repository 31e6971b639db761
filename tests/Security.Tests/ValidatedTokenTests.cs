using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// A token's authentication kept for its next calls (ValidatedTokens), on a clock the test moves: kept no longer than the
/// setting or the token's expiry, never with the setting at zero, and found only by the same Authorization header. What is
/// checked on every call while it is kept (revocation, the issuer's keys) is tested through a running service:
/// RevokedTokenTests and IdentityProviderTests.
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

    private async Task<(string Header, JsonWebToken Token, AuthenticationTicket Ticket)> ValidatedAsync(TimeSpan lifetime)
    {
        var token = new TokenIssuer(auth).Issue("2514", "caseworker", ["catalog.read"], DateTimeOffset.UtcNow, lifetime);
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(TokenIssuer.DecodeKey(auth.SigningKey)),
            RequireExpirationTime = true,
        });
        Assert.True(result.IsValid);
        return ("Bearer " + token, (JsonWebToken)result.SecurityToken, new AuthenticationTicket(new ClaimsPrincipal(result.ClaimsIdentity), "shared-key"));
    }

    [Fact]
    public async Task AnAuthentication_IsKeptForTheSetting_AndFoundByTheSameHeaderOnly()
    {
        var kept = new ValidatedTokens(clock, TimeSpan.FromMinutes(1));
        var (header, token, ticket) = await ValidatedAsync(TimeSpan.FromHours(1));
        Assert.Null(kept.Find(header));
        kept.Keep(header, ticket, token, "shared-key");

        var found = kept.Find(header);
        Assert.NotNull(found);
        Assert.Same(ticket.Principal, (await found.Result).Principal);
        Assert.Equal(token.Id, found.TokenId);
        Assert.Same(token.SigningKey, found.Key);
        Assert.Null(kept.Find("Bearer " + header["Bearer ".Length..][..^1])); // another token: nothing

        clock.Now += TimeSpan.FromMinutes(1);
        Assert.Null(kept.Find(header)); // kept no longer than the setting
    }

    [Fact]
    public async Task AnAuthentication_IsNeverKeptPastTheTokensExpiry()
    {
        var kept = new ValidatedTokens(clock, TimeSpan.FromMinutes(10));
        var (header, token, ticket) = await ValidatedAsync(TimeSpan.FromMinutes(2));
        kept.Keep(header, ticket, token, "shared-key");
        Assert.NotNull(kept.Find(header));
        clock.Now += TimeSpan.FromMinutes(3);
        Assert.Null(kept.Find(header));
    }

    [Fact]
    public async Task Zero_KeepsNothing()
    {
        var kept = new ValidatedTokens(clock, TimeSpan.Zero);
        var (header, token, ticket) = await ValidatedAsync(TimeSpan.FromHours(1));
        kept.Keep(header, ticket, token, "shared-key");
        Assert.Null(kept.Find(header));
    }

    [Fact]
    public async Task AForgottenToken_IsNoLongerFound()
    {
        var kept = new ValidatedTokens(clock, TimeSpan.FromMinutes(1));
        var (header, token, ticket) = await ValidatedAsync(TimeSpan.FromHours(1));
        kept.Keep(header, ticket, token, "shared-key");
        kept.Forget(header);
        Assert.Null(kept.Find(header));
    }
}

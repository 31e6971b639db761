using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// The suite's one authentication scheme ("Bearer"). A token seen before is answered from <see cref="ValidatedTokens"/>
/// when it is not revoked and the key that signed it is still trusted (the shared key, or a key its issuer's JWKS still
/// publishes); any other token goes to the JwtBearer scheme of its issuer (<see cref="BearerSchemes"/>), which validates
/// it in full, applies the suite's rules (<see cref="BearerTokens"/>) and counts every refusal, and a success is kept.
/// Challenges and refusals are the JwtBearer scheme's, so every caller meets the same UNAUTHENTICATED either way.
/// </summary>
public sealed class BearerScheme(ValidatedTokens kept, RevokedTokens revoked, BearerSchemes schemes, IOptionsMonitor<JwtBearerOptions> options) : IAuthenticationHandler
{
    public const string Name = JwtBearerDefaults.AuthenticationScheme;

    private HttpContext context = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        this.context = context;
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync()
    {
        var header = Header();
        if (header is null || kept.Find(header) is not { } entry)
        {
            return ValidateAsync(header);
        }

        if (revoked.Contains(entry.TokenId))
        {
            kept.Forget(header); // validated in full again: refused there, and counted as revoked
            return ValidateAsync(header);
        }

        var jwt = options.Get(entry.Scheme);
        if (jwt.ConfigurationManager is null)
        {
            return Trusted(entry.Key, jwt.TokenValidationParameters) ? Hit(entry) : ForgottenAsync(header);
        }

        return PublishedAsync(header, entry, jwt.ConfigurationManager);
    }

    public Task ChallengeAsync(AuthenticationProperties? properties) => context.ChallengeAsync(schemes.For(Header()), properties);

    public Task ForbidAsync(AuthenticationProperties? properties) => context.ForbidAsync(schemes.For(Header()), properties);

    private string? Header() => context.Request.Headers.Authorization is { Count: 1 } values && values[0] is { Length: > 0 } value ? value : null;

    private Task<AuthenticateResult> Hit(ValidatedTokens.Kept entry)
    {
        kept.Hit();
        return entry.Result;
    }

    private Task<AuthenticateResult> ForgottenAsync(string header)
    {
        kept.Forget(header);
        return ValidateAsync(header);
    }

    // The issuer's keys as its scheme holds them now (fetched again on its refresh interval, as JwtBearer does for every token).
    private async Task<AuthenticateResult> PublishedAsync(string header, ValidatedTokens.Kept entry, Microsoft.IdentityModel.Protocols.IConfigurationManager<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration> keys)
    {
        var configuration = await keys.GetConfigurationAsync(context.RequestAborted);
        return configuration.SigningKeys.Any(k => Same(k, entry.Key)) ? await Hit(entry) : await ForgottenAsync(header);
    }

    private async Task<AuthenticateResult> ValidateAsync(string? header)
    {
        var scheme = schemes.For(header);
        var result = await context.AuthenticateAsync(scheme);
        if (header is not null && result.Succeeded && context.Features.Get<ValidatedTokens.Accepted>() is { } accepted)
        {
            kept.Keep(header, result.Ticket, accepted.Token, scheme);
        }

        return result;
    }

    private static bool Trusted(SecurityKey key, TokenValidationParameters parameters) =>
        Same(parameters.IssuerSigningKey, key) || (parameters.IssuerSigningKeys?.Any(k => Same(k, key)) ?? false);

    // The same key, or a key of the same id (keys fetched again are new objects for the keys the provider still publishes).
    private static bool Same(SecurityKey? candidate, SecurityKey key) =>
        candidate is not null && (ReferenceEquals(candidate, key) || (!string.IsNullOrEmpty(key.KeyId) && string.Equals(candidate.KeyId, key.KeyId, StringComparison.Ordinal)));
}

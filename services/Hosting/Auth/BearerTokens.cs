using System.Diagnostics.Metrics;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// Bearer tokens from the kommuner's identity providers (<see cref="AuthOptions.Issuers"/>: OIDC discovery
/// and JWKS, RS256/ES256) and, where configured, the suite's own HS256 development tokens. One JwtBearer
/// scheme per issuer, chosen by the token's <c>iss</c> (<see cref="BearerSchemes"/>) behind the suite's one scheme
/// (<see cref="BearerScheme"/>, which keeps an accepted token's authentication for its next calls); each validates issuer,
/// audience, algorithm, key, lifetime and the kommun the issuer may speak for. Every refusal is counted by reason
/// (<c>socialtjanst.auth.refused</c>, tagged reason and scheme) and answered UNAUTHENTICATED with nothing that helps an attacker.
/// </summary>
public static class BearerTokens
{
    private static readonly Counter<long> Refused = new Meter(Telemetry.HostingMeter)
        .CreateCounter<long>("socialtjanst.auth.refused", description: "Bearer tokens refused, by reason");

    public static void Add(WebApplicationBuilder builder, AuthOptions auth)
    {
        var issuers = auth.Issuers;
        foreach (var (issuer, i) in issuers.Select((x, i) => (x, i)))
        {
            if (issuer.Issuer.Length == 0 || issuer.Municipalities.Count == 0 || !issuer.Municipalities.All(MunicipalityCodes.IsValid))
            {
                throw new InvalidOperationException($"Auth:Issuers:{i} needs Issuer and Municipalities (four-digit kommunkoder).");
            }
        }

        var shared = auth.SigningKey.Length > 0 || issuers.Count == 0;
        builder.Services.AddSingleton(new BearerSchemes(issuers, shared));
        builder.Services.AddSingleton(sp => new ValidatedTokens(sp.GetRequiredService<TimeProvider>(), auth.ValidatedTokenLifetime));
        builder.Services.AddTransient<BearerScheme>();
        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.AddScheme<BearerScheme>(BearerScheme.Name, BearerScheme.Name);
            o.DefaultScheme = BearerScheme.Name;
        });
        if (shared)
        {
            var key = TokenIssuer.DecodeKey(auth.SigningKey);
            authentication.AddJwtBearer(BearerSchemes.SharedKey, o =>
            {
                o.MapInboundClaims = false;
                o.SaveToken = false; // nothing reads the token back from the ticket: not stored per call
                o.TokenValidationParameters = Parameters(auth.Issuer, auth.Audience, [SecurityAlgorithms.HmacSha256]);
                o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
                o.Events = Events(auth, null);
            });
        }

        foreach (var (issuer, i) in issuers.Select((x, i) => (x, i)))
        {
            authentication.AddJwtBearer(BearerSchemes.IssuerScheme(i), o =>
            {
                o.MapInboundClaims = false;
                o.SaveToken = false;
                o.MetadataAddress = issuer.Metadata;
                o.RequireHttpsMetadata = issuer.RequireHttpsMetadata;
                // Built here rather than by JwtBearer so the "last known good" keys are off: a key the provider
                // removed from its JWKS (how it retires a compromised key) stops working at the next fetch,
                // not an hour later. While the provider is unreachable, the keys last fetched stay in use.
                o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    issuer.Metadata, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = issuer.RequireHttpsMetadata })
                {
                    RefreshInterval = issuer.KeyRefreshInterval,
                    UseLastKnownGoodConfiguration = false,
                };
                o.TokenValidationParameters = Parameters(issuer.Issuer, auth.Audience, issuer.Algorithms);
                o.Events = Events(auth, issuer);
            });
        }
    }

    private static TokenValidationParameters Parameters(string issuer, string audience, IEnumerable<string> algorithms) => new()
    {
        ValidIssuer = issuer,
        ValidAudience = audience,
        ValidAlgorithms = [.. algorithms],
        ClockSkew = TimeSpan.FromSeconds(30),
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };

    private static JwtBearerEvents Events(AuthOptions auth, TrustedIssuer? issuer) => new()
    {
        // A status the caller's client understands, never a bare 401/403 (AuthChallenges).
        OnChallenge = context =>
        {
            if (context.AuthenticateFailure is null)
            {
                Count("missing", context.Scheme.Name);
            }

            context.HandleResponse();
            return AuthChallenges.UnauthenticatedAsync(context.HttpContext);
        },
        OnForbidden = context => AuthChallenges.ForbiddenAsync(context.HttpContext),
        OnAuthenticationFailed = context =>
        {
            Count(Reason(context.Exception), context.Scheme.Name);
            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var jwt = context.SecurityToken as JsonWebToken;
            string? refusal = null;
            if (TokenLifetime.Refusal(context.SecurityToken, auth.MaxTokenLifetime, now) is not null)
            {
                refusal = "lifetime"; // no iat, issued in the future, or living longer than Auth:MaxTokenLifetime
            }
            else if (jwt is not null && context.HttpContext.RequestServices.GetRequiredService<RevokedTokens>().Contains(jwt.Id))
            {
                refusal = "revoked";
            }
            else if (issuer is not null && !Normalize(context.Principal!, issuer))
            {
                refusal = "municipality";
            }

            if (refusal is not null)
            {
                Count(refusal, context.Scheme.Name);
                context.Fail("token refused: " + refusal);
            }
            else if (jwt is not null)
            {
                context.HttpContext.Features.Set(new ValidatedTokens.Accepted(jwt)); // BearerScheme keeps it for the token's next calls
            }

            return Task.CompletedTask;
        },
    };

    /// <summary>
    /// Puts the issuer's kommun and scope claims where <see cref="Caller"/> reads them; false when the
    /// token names a kommun the issuer may not speak for (or none).
    /// </summary>
    private static bool Normalize(ClaimsPrincipal principal, TrustedIssuer issuer)
    {
        var code = principal.FindFirst(issuer.MunicipalityClaim)?.Value;
        if (code is null || !issuer.Municipalities.Contains(code, StringComparer.Ordinal))
        {
            return false;
        }

        var scopes = string.Join(' ', principal.FindAll(issuer.ScopeClaim).Select(c => c.Value));
        var added = new ClaimsIdentity();
        if (issuer.MunicipalityClaim != SuiteClaims.Municipality || principal.FindAll(SuiteClaims.Municipality).Count() != 1)
        {
            // Only the issuer's own claim counts: a second "kommun" claim beside it is dropped.
            foreach (var identity in principal.Identities)
            {
                foreach (var claim in identity.FindAll(SuiteClaims.Municipality).ToList())
                {
                    identity.TryRemoveClaim(claim);
                }
            }

            added.AddClaim(new Claim(SuiteClaims.Municipality, code));
        }

        if (issuer.ScopeClaim != SuiteClaims.Scope || principal.FindAll(SuiteClaims.Scope).Count() != 1)
        {
            foreach (var identity in principal.Identities)
            {
                foreach (var claim in identity.FindAll(SuiteClaims.Scope).ToList())
                {
                    identity.TryRemoveClaim(claim);
                }
            }

            added.AddClaim(new Claim(SuiteClaims.Scope, scopes));
        }

        if (added.Claims.Any())
        {
            principal.AddIdentity(added);
        }

        return true;
    }

    private static string Reason(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not_yet_valid",
        SecurityTokenInvalidIssuerException => "issuer",
        SecurityTokenInvalidAudienceException => "audience",
        SecurityTokenSignatureKeyNotFoundException => "unknown_key",
        SecurityTokenInvalidAlgorithmException => "algorithm",
        SecurityTokenInvalidSignatureException => "signature",
        SecurityTokenMalformedException or ArgumentException => "malformed",
        InvalidOperationException or IOException or HttpRequestException => "keys_unavailable",
        _ => "invalid",
    };

    // The scheme ("shared-key", "issuer-0", …) says which provider's tokens fail, without naming anyone.
    private static void Count(string reason, string scheme) =>
        Refused.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("scheme", scheme));
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Socialtjanst.TestSupport;

/// <summary>
/// A kommun's identity provider as the services see it, on Kestrel over loopback HTTP: an OIDC discovery
/// document, a JWKS with the keys the test publishes (RSA and EC, made in the test, rotated when the test
/// says), and a client-credentials token endpoint. Tokens are signed with the real keys; what the services
/// fetch is counted, so a test can see a rotation make them fetch the keys again.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Dictionary<string, string> clients = new(StringComparer.Ordinal);
    private volatile SecurityKey[] published = [];
    private int jwksFetches;
    private int tokensIssued;

    private TestIdentityProvider(WebApplication app) => this.app = app;

    public string Issuer { get; private set; } = "";

    public string TokenEndpoint => Issuer + "/token";

    public int JwksFetches => Volatile.Read(ref jwksFetches);

    public int TokensIssued => Volatile.Read(ref tokensIssued);

    /// <summary>The key the token endpoint signs with, and its algorithm.</summary>
    public (SecurityKey Key, string Algorithm)? ClientCredentialsKey { get; set; }

    /// <summary>How long a client-credentials token lives.</summary>
    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestIdentityProvider(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Issuer,
            ["jwks_uri"] = provider.Issuer + "/jwks",
            ["token_endpoint"] = provider.TokenEndpoint,
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        }));
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref provider.jwksFetches);
            return Results.Text(provider.JwksJson(), "application/json");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials"
                || !provider.clients.TryGetValue(form["client_id"].ToString(), out var secret)
                || form["client_secret"] != secret
                || provider.ClientCredentialsKey is not { } signing)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            Interlocked.Increment(ref provider.tokensIssued);
            var scope = form["scope"].ToString();
            var token = provider.Token(signing.Key, signing.Algorithm, "0000", scope, form["audience"].ToString() is { Length: > 0 } a ? a : "socialtjanst",
                lifetime: provider.ClientTokenLifetime, subject: form["client_id"].ToString());
            return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)provider.ClientTokenLifetime.TotalSeconds, scope });
        });
        await app.StartAsync();
        provider.Issuer = app.Urls.First().TrimEnd('/');
        return provider;
    }

    public static RsaSecurityKey NewRsaKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public static ECDsaSecurityKey NewEcKey(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };

    /// <summary>Publishes exactly these keys (public parts) in the JWKS from now on.</summary>
    public void Publish(params SecurityKey[] keys) => published = keys;

    public void AddClient(string id, string secret) => clients[id] = secret;

    /// <summary>A signed token as this provider issues them; every part can be set wrong on purpose.</summary>
    public string Token(SecurityKey key, string algorithm, string kommun, string scopes, string audience,
        DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null, string? issuer = null, string subject = "handlaggare-1",
        string kommunClaim = "kommun", IDictionary<string, object>? extra = null)
    {
        var now = issuedAt ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>(extra ?? new Dictionary<string, object>()) { [kommunClaim] = kommun };
        if (scopes.Length > 0 && !claims.ContainsKey("scope") && !claims.ContainsKey("scp"))
        {
            claims["scope"] = scopes;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddSeconds(-5),
            Expires = (now + (lifetime ?? TimeSpan.FromMinutes(10))).UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>A token that claims to need no signature (alg "none").</summary>
    public string UnsignedToken(string kommun, string scopes, string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = audience, ["sub"] = "x", ["kommun"] = kommun, ["scope"] = scopes,
            ["iat"] = now, ["nbf"] = now - 5, ["exp"] = now + 600,
        }));
        return header + "." + payload + ".";
    }

    private string JwksJson()
    {
        var keys = published.Select(key => key switch
        {
            RsaSecurityKey rsa => Rsa(rsa),
            ECDsaSecurityKey ec => Ec(ec),
            _ => throw new InvalidOperationException("RSA and EC keys only"),
        });
        return JsonSerializer.Serialize(new { keys });

        static Dictionary<string, string> Rsa(RsaSecurityKey key)
        {
            var p = key.Rsa.ExportParameters(includePrivateParameters: false);
            return new() { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.KeyId, ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        }

        static Dictionary<string, string> Ec(ECDsaSecurityKey key)
        {
            var p = key.ECDsa.ExportParameters(includePrivateParameters: false);
            return new() { ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["crv"] = "P-256", ["kid"] = key.KeyId, ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

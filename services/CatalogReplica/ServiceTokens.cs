using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Socialtjanst.CatalogReplica;

/// <summary>
/// This service's own token for the Catalog: a static one from configuration (the embedded default and
/// tests), or — in production — one from the identity provider's token endpoint by the OAuth 2.0
/// client-credentials grant, cached and fetched again before it expires (one fetch at a time).
/// </summary>
public sealed class ServiceTokens(CatalogReplicaOptions options, TimeProvider clock, HttpClient http)
{
    private readonly SemaphoreSlim fetching = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? current;

    /// <summary>Whether the token comes from the identity provider (else the static one).</summary>
    public bool FromIdentityProvider => options.TokenEndpoint.Length > 0;

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        if (!FromIdentityProvider)
        {
            return options.Token;
        }

        if (current is { } held && clock.GetUtcNow() < held.RenewAt)
        {
            return held.Token;
        }

        await fetching.WaitAsync(ct);
        try
        {
            if (current is { } fresh && clock.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.Token; // fetched by the caller we waited for
            }

            var issued = clock.GetUtcNow();
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId,
                ["client_secret"] = ClientSecret(),
                ["scope"] = options.Scope,
            };
            if (options.Audience.Length > 0)
            {
                form["audience"] = options.Audience;
            }

            using var response = await http.PostAsync(options.TokenEndpoint, new FormUrlEncodedContent(form), ct);
            if (!response.IsSuccessStatusCode)
            {
                // The status only: the body may echo the client's name or the secret's shape.
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            var answer = await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
                ?? throw new HttpRequestException("The token endpoint answered without a token.");
            if (string.IsNullOrEmpty(answer.AccessToken) || answer.ExpiresIn <= 0)
            {
                throw new HttpRequestException("The token endpoint answered without a token or its lifetime.");
            }

            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn);
            var margin = lifetime / 2 < options.TokenRenewalMargin ? lifetime / 2 : options.TokenRenewalMargin;
            current = (answer.AccessToken, issued + lifetime - margin);
            return answer.AccessToken;
        }
        finally
        {
            fetching.Release();
        }
    }

    // A secret mounted as a file (a Kubernetes secret) is read when needed, so a rotated secret is used without a restart.
    private string ClientSecret() =>
        options.ClientSecretFile.Length > 0 ? File.ReadAllText(options.ClientSecretFile).Trim() : options.ClientSecret;

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

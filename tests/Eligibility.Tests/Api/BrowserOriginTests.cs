using System.Net;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// A kommun's portal on its own origin calls Eligibility from the browser, by REST and by gRPC-web: the preflight is
/// answered without a token for a configured origin (Cors:Origins, per environment), and not for any other.
/// </summary>
public sealed class BrowserOriginTests : IAsyncLifetime
{
    private const string Portal = "https://e-tjanst.kalix.example";
    private CatalogHost catalog = null!;
    private EligibilityHost eligibility = null!;

    public async Task InitializeAsync()
    {
        catalog = await CatalogHost.StartAsync();
        eligibility = await EligibilityHost.StartAsync(catalog, Hosts.TempPath("eligibility-origins"), settings: new Dictionary<string, string?> { ["Cors:Origins:0"] = Portal });
    }

    public async Task DisposeAsync()
    {
        await eligibility.DisposeAsync();
        await catalog.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string headers)
    {
        using var http = new HttpClient { BaseAddress = new Uri(eligibility.RestAddress) };
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData("/v1/municipalities/2514/interventions/bra-samtal:checkEligibility", "authorization,content-type")]
    [InlineData("/socialtjanst.eligibility.v1.EligibilityService/CheckEligibility", "authorization,content-type,x-grpc-web,x-user-agent")]
    public async Task APreflightFromAConfiguredPortal_IsAnsweredWithoutAToken_AndFromAnyOtherOriginIsNot(string path, string headers)
    {
        using var allowed = await PreflightAsync(path, Portal, headers);
        Assert.True(allowed.IsSuccessStatusCode, $"preflight {(int)allowed.StatusCode}");
        Assert.Equal(Portal, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var other = await PreflightAsync(path, "https://elsewhere.example", headers);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));

        // The call itself still needs its token, and its answer carries the origin.
        using var http = new HttpClient { BaseAddress = new Uri(eligibility.RestAddress) };
        using var call = new HttpRequestMessage(HttpMethod.Post, "/v1/municipalities/2514/interventions/bra-samtal:checkEligibility")
        {
            Content = new StringContent("""{"facts":{"statedAge":12}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        call.Headers.Add("Origin", Portal);
        using var unauthenticated = await http.SendAsync(call);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(Portal, unauthenticated.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.IdentityModel.Tokens;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// The Catalog accepts tokens from a kommun's identity provider — found through its OIDC discovery
/// document and JWKS, served here on loopback with keys made in the test — for the kommuner that provider
/// may speak for, with this service's audience, RS256 or ES256. A rotated key is fetched again; every
/// bad token is UNAUTHENTICATED with nothing that says why, and counted by reason.
/// </summary>
public sealed class IdentityProviderTests : IAsyncLifetime
{
    private const string Audience = "socialtjanst-catalog";
    private readonly RsaSecurityKey rsa = TestIdentityProvider.NewRsaKey("rsa-1");
    private readonly ECDsaSecurityKey ec = TestIdentityProvider.NewEcKey("ec-1");
    private readonly ConcurrentBag<string> refusals = [];
    private MeterListener? listener;
    private TestIdentityProvider idp = null!;
    private TestIdentityProvider region = null!;
    private CatalogHost catalog = null!;

    public async Task InitializeAsync()
    {
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Telemetry.HostingMeter && instrument.Name == "socialtjanst.auth.refused")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            // Only this class's hosts have issuer schemes; other tests' shared-key refusals are not counted here.
            string? reason = null, scheme = null;
            foreach (var tag in tags)
            {
                (reason, scheme) = tag.Key switch
                {
                    "reason" => ((string?)tag.Value, scheme),
                    "scheme" => (reason, (string?)tag.Value),
                    _ => (reason, scheme),
                };
            }

            if (reason is not null && scheme is not null && scheme.StartsWith("issuer-", StringComparison.Ordinal))
            {
                refusals.Add(reason);
            }
        });
        listener.Start();

        idp = await TestIdentityProvider.StartAsync();
        idp.Publish(rsa, ec);
        region = await TestIdentityProvider.StartAsync(); // a second provider, with its own claim names
        region.Publish(TestIdentityProvider.NewRsaKey("region-1"));
        catalog = await CatalogHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "", // as in production: no shared key, so a token of any other issuer meets the issuers' schemes
            ["Audit:SubjectKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Auth:Audience"] = Audience,
            ["Auth:Issuers:0:Issuer"] = idp.Issuer,
            ["Auth:Issuers:0:Municipalities:0"] = "2514",
            ["Auth:Issuers:0:RequireHttpsMetadata"] = "false",
            ["Auth:Issuers:0:KeyRefreshInterval"] = "00:00:01",
            ["Auth:Issuers:1:Issuer"] = region.Issuer,
            ["Auth:Issuers:1:Municipalities:0"] = "1489",
            ["Auth:Issuers:1:Municipalities:1"] = "9999",
            ["Auth:Issuers:1:MunicipalityClaim"] = "municipality_code",
            ["Auth:Issuers:1:ScopeClaim"] = "scp",
            ["Auth:Issuers:1:RequireHttpsMetadata"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        listener?.Dispose();
        await catalog.DisposeAsync();
        await idp.DisposeAsync();
        await region.DisposeAsync();
    }

    private Task<ListInterventionsResponse> ListAsync(string token, string kommun = "2514") =>
        catalog.Client(token).ListInterventionsAsync(new ListInterventionsRequest { Parent = $"municipalities/{kommun}" }).ResponseAsync;

    private string Good(SecurityKey key, string alg, string kommun = "2514") => idp.Token(key, alg, kommun, "catalog.read", Audience);

    [Fact]
    public async Task Rs256AndEs256_FromTheKommunsProvider_AreAccepted()
    {
        Assert.NotEmpty((await ListAsync(Good(rsa, SecurityAlgorithms.RsaSha256))).Interventions);
        Assert.NotEmpty((await ListAsync(Good(ec, SecurityAlgorithms.EcdsaSha256))).Interventions);
    }

    [Fact]
    public async Task AProviderWithItsOwnClaimNames_IsReadThroughItsMapping()
    {
        var key = TestIdentityProvider.NewRsaKey("region-2");
        region.Publish(key);
        var token = region.Token(key, SecurityAlgorithms.RsaSha256, "1489", "", Audience, kommunClaim: "municipality_code",
            extra: new Dictionary<string, object> { ["scp"] = new[] { "catalog.read", "catalog.write" } });
        Assert.NotEmpty((await ListAsync(token, "1489")).Interventions);

        // The region may speak for 1489, not for 2514: not even with a "kommun" claim beside its own.
        var overreach = region.Token(key, SecurityAlgorithms.RsaSha256, "2514", "", Audience, kommunClaim: "municipality_code",
            extra: new Dictionary<string, object> { ["scp"] = new[] { "catalog.read" }, ["kommun"] = "1489" });
        await AssertRefusedAsync(() => ListAsync(overreach, "2514"), "municipality");
    }

    public static TheoryData<string> BadTokens() => [.. Bad.Keys];

    private static readonly Dictionary<string, (Func<IdentityProviderTests, string> Token, string Reason)> Bad = new()
    {
        ["expired"] = (t => t.idp.Token(t.rsa, SecurityAlgorithms.RsaSha256, "2514", "catalog.read", Audience, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1)), "expired"),
        ["not yet valid"] = (t => t.idp.Token(t.rsa, SecurityAlgorithms.RsaSha256, "2514", "catalog.read", Audience, DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromHours(1)), "not_yet_valid"),
        ["another service's audience"] = (t => t.idp.Token(t.rsa, SecurityAlgorithms.RsaSha256, "2514", "catalog.read", "socialtjanst-eligibility"), "audience"),
        ["an issuer nobody trusts"] = (t => t.idp.Token(t.rsa, SecurityAlgorithms.RsaSha256, "2514", "catalog.read", Audience, issuer: "https://login.example.org"), "issuer"),
        ["a key the provider never published"] = (t => t.idp.Token(TestIdentityProvider.NewRsaKey("stolen"), SecurityAlgorithms.RsaSha256, "2514", "catalog.read", Audience), "unknown_key"),
        ["a kommun the provider may not assert"] = (t => t.Good(t.rsa, SecurityAlgorithms.RsaSha256, "1489"), "municipality"),
        ["alg none"] = (t => t.idp.UnsignedToken("2514", "catalog.read", Audience), "signature"),
        ["HS256 where RS256 is required"] = (t => t.idp.Token(new SymmetricSecurityKey(new byte[32]) { KeyId = "rsa-1" }, SecurityAlgorithms.HmacSha256, "2514", "catalog.read", Audience), "signature"),
        ["no kommun at all"] = (t => t.idp.Token(t.rsa, SecurityAlgorithms.RsaSha256, "", "catalog.read", Audience, kommunClaim: "other"), "municipality"),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadToken_IsUnauthenticated_SaysNothingOfWhy_AndIsCounted(string name)
    {
        var (token, reason) = Bad[name];
        await AssertRefusedAsync(() => ListAsync(token(this)), reason);
    }

    [Fact]
    public async Task ARotatedKey_IsFetchedAgain_AndTheRetiredOneNoLongerWorks()
    {
        var kept = Good(rsa, SecurityAlgorithms.RsaSha256); // used twice: its authentication is kept
        Assert.NotEmpty((await ListAsync(kept)).Interventions);
        Assert.NotEmpty((await ListAsync(kept)).Interventions);
        var fetched = idp.JwksFetches;

        var next = TestIdentityProvider.NewRsaKey("rsa-2");
        idp.Publish(next, ec); // rsa-1 retired
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the refresh interval the test configured

        // A token with a key id the service has not seen makes it fetch the keys again (in the background:
        // that first token may be refused while they arrive, which is why a provider publishes a key before it signs with it).
        var accepted = await EventuallyAsync(async () => (await ListAsync(Good(next, SecurityAlgorithms.RsaSha256))).Interventions.Count > 0);
        Assert.True(accepted, "a token signed with the rotated-in key was never accepted");
        Assert.True(idp.JwksFetches > fetched, "the new key id made the service fetch the keys again");
        await AssertRefusedAsync(() => ListAsync(Good(rsa, SecurityAlgorithms.RsaSha256)), "unknown_key");
        await AssertRefusedAsync(() => ListAsync(kept), "unknown_key"); // what was kept for it ends with its key
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> attempt)
    {
        for (var i = 0; i < 40; i++)
        {
            try
            {
                if (await attempt())
                {
                    return true;
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                await Task.Delay(250);
            }
        }

        return false;
    }

    /// <summary>Refused with the one message for every refusal, and counted once more under its reason.</summary>
    private async Task AssertRefusedAsync(Func<Task> call, string reason)
    {
        var before = refusals.Count(r => r == reason);
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal(AuthChallenges.UnauthenticatedMessage, ex.Status.Detail);
        Assert.True(refusals.Count(r => r == reason) > before, $"no refusal counted as {reason}; counted: {string.Join(", ", refusals.Distinct())}");
    }
}

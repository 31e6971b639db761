using Microsoft.IdentityModel.Tokens;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// Eligibility reads the catalog with its own identity: a client-credentials token from the identity
/// provider (served here on loopback, with keys made in the test), which the Catalog validates through
/// the provider's JWKS, renewed before it expires — no static token.
/// </summary>
public sealed class ServiceIdentityTests
{
    private const string Secret = "hemlighet-ur-en-fil";

    [Fact]
    public async Task TheReplicaSignsInWithClientCredentials_AndRenewsItsTokenBeforeItExpires()
    {
        await using var idp = await StartProviderAsync();
        await using var catalog = await CatalogHost.StartAsync(settings: Trusting(idp));
        var secretFile = SecretFile(Secret);
        await using var eligibility = await EligibilityHost.StartAsync(catalog, Hosts.NewDirectory("service-identity"), settings: SignIn(idp, secretFile));

        // The seeds arrived: every call to the Catalog carried a token from the provider.
        var first = idp.TokensIssued;
        Assert.InRange(first, 1, 3);

        // Streams end every second and resume; over two token lifetimes the token is renewed, never used expired.
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.True(idp.TokensIssued > first, $"no new token after {idp.TokensIssued} (lifetime 4 s)");
        var answer = await eligibility.ClientFor("2514").CheckEligibilityAsync(new CheckEligibilityRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            Facts = new Facts { StatedAge = 30, RegisteredMunicipalityCode = "2514" },
        });
        Assert.NotEqual(Outcome.Unspecified, answer.Outcome);
    }

    [Fact]
    public async Task AWrongSecret_GetsNoCatalog()
    {
        await using var idp = await StartProviderAsync();
        await using var catalog = await CatalogHost.StartAsync(settings: Trusting(idp));
        await using var eligibility = await EligibilityHost.StartAsync(catalog, Hosts.NewDirectory("service-identity"), waitForCatalog: false, settings: SignIn(idp, SecretFile("fel")));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0, idp.TokensIssued);
        Assert.Empty(eligibility.Replica.Municipalities);
    }

    private static async Task<TestIdentityProvider> StartProviderAsync()
    {
        var idp = await TestIdentityProvider.StartAsync();
        var key = TestIdentityProvider.NewRsaKey("platform-1");
        idp.Publish(key);
        idp.ClientCredentialsKey = (key, SecurityAlgorithms.RsaSha256);
        idp.AddClient("eligibility", Secret);
        idp.ClientTokenLifetime = TimeSpan.FromSeconds(4);
        return idp;
    }

    private static Dictionary<string, string?> Trusting(TestIdentityProvider idp) => new()
    {
        ["Auth:Issuers:0:Issuer"] = idp.Issuer,
        ["Auth:Issuers:0:Municipalities:0"] = "0000", // the platform identity only
        ["Auth:Issuers:0:RequireHttpsMetadata"] = "false",
    };

    private static Dictionary<string, string?> SignIn(TestIdentityProvider idp, string secretFile) => new()
    {
        ["CatalogReplica:Token"] = "",
        ["CatalogReplica:TokenEndpoint"] = idp.TokenEndpoint,
        ["CatalogReplica:ClientId"] = "eligibility",
        ["CatalogReplica:ClientSecretFile"] = secretFile,
        ["CatalogReplica:TokenRenewalMargin"] = "00:00:01",
        ["CatalogReplica:StreamLifetime"] = "00:00:01",
    };

    private static string SecretFile(string secret)
    {
        var file = Path.Combine(Hosts.NewDirectory("service-identity"), "client-secret");
        File.WriteAllText(file, secret + "\n");
        return file;
    }
}

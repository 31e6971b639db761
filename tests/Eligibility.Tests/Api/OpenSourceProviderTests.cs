namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// The service identity against a real, separately run open-source identity provider
/// (node-oidc-provider, MIT, from npm; tests/OidcProvider): Eligibility gets an RS256 access token
/// by the client-credentials grant, the Catalog validates it through the provider's own discovery
/// document and JWKS (keys the provider made), and the catalog arrives. <c>.ci/run</c> installs the
/// provider (npm); without node or the installed module the test says so and is skipped.
/// </summary>
public sealed class OpenSourceProviderTests
{
    private const string Audience = "urn:socialtjanst:catalog";

    [SkippableFact]
    public async Task TheReplica_ReadsTheCatalog_WithATokenFromNodeOidcProvider()
    {
        var secretFile = Path.Combine(Hosts.NewDirectory("oidc-provider"), "client-secret");
        await File.WriteAllTextAsync(secretFile, "hemlighet-for-eligibility");

        using var provider = await NodeOidcProvider.StartAsync("provider.mjs", new Dictionary<string, string>
        {
            ["CLIENTS"] = """[{"client_id":"eligibility","client_secret":"hemlighet-for-eligibility","kommun":"0000","scope":"catalog.replicate"}]""",
            ["AUDIENCE"] = Audience,
        });
        await using var catalog = await CatalogHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:Audience"] = Audience,
            ["Auth:Issuers:0:Issuer"] = provider.Issuer,
            ["Auth:Issuers:0:Municipalities:0"] = "0000",
            ["Auth:Issuers:0:RequireHttpsMetadata"] = "false",
        });
        await using var eligibility = await EligibilityHost.StartAsync(catalog, Hosts.NewDirectory("oidc-provider-state"), settings: new Dictionary<string, string?>
        {
            ["CatalogReplica:Token"] = "",
            ["CatalogReplica:TokenEndpoint"] = provider.Issuer + "/token",
            ["CatalogReplica:ClientId"] = "eligibility",
            ["CatalogReplica:ClientSecretFile"] = secretFile,
        });
        Assert.Contains("2514", eligibility.Replica.Municipalities);
    }
}

using System.Diagnostics;

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
        var folder = Path.Combine(Hosts.RepositoryRoot(), "tests", "OidcProvider");
        Skip.IfNot(Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")), "npm install in tests/OidcProvider first (.ci/run does).");
        var secretFile = Path.Combine(Hosts.NewDirectory("oidc-provider"), "client-secret");
        await File.WriteAllTextAsync(secretFile, "hemlighet-for-eligibility");

        using var provider = await StartProviderAsync(folder, "eligibility", "hemlighet-for-eligibility");
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

    private sealed class NodeProvider(Process process, string issuer) : IDisposable
    {
        public string Issuer => issuer;

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    private static async Task<NodeProvider> StartProviderAsync(string folder, string clientId, string secret)
    {
        var node = new ProcessStartInfo("node", "provider.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        node.Environment["PORT"] = Hosts.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        node.Environment["CLIENT_ID"] = clientId;
        node.Environment["CLIENT_SECRET"] = secret;
        node.Environment["AUDIENCE"] = Audience;
        Process process;
        try
        {
            process = Process.Start(node)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SkipException("node is not installed.");
        }

        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("ready ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(e.Data["ready ".Length..]);
            }
        };
        process.ErrorDataReceived += (_, _) => { }; // its development warnings
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"node-oidc-provider exited with {process.ExitCode}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProvider(process, await ready.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}

using Grpc.Core.Interceptors;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// The production overlay for CI (deploy/kubernetes/overlays/ci: PostgreSQL, the region's identity provider) applied
/// once for the tests of <see cref="ProductionRunTests"/>, with Kalix's catalog imported through the Catalog's Service
/// as a nämnd's first import would be. Skipped, saying why, where the machine cannot run it (.ci/run can).
/// </summary>
public sealed class ProductionRun : IAsyncLifetime
{
    public const string Kommun = "2514";

    public Cluster Cluster { get; private set; } = null!;

    public string? Unavailable { get; private set; }

    /// <summary>The pods ready when apply returned, and those that had restarted on the way.</summary>
    public List<string> ReadyAtApply { get; private set; } = [];

    public List<string> RestartedAtApply { get; private set; } = [];

    /// <summary>The catalog revision the import wrote.</summary>
    public long ImportRevision { get; private set; }

    public async Task InitializeAsync()
    {
        var repository = RepositoryRoot();
        Unavailable = PodNetwork.Unavailable()
            ?? (Environment.GetEnvironmentVariable("SOCIALTJANST_TEST_POSTGRES") is { Length: > 0 } ? null : "SOCIALTJANST_TEST_POSTGRES is not set (tools/postgres/start.sh prints it)")
            ?? (PodNetwork.Run("kubectl", "version", "--client") == 0 ? null : "kubectl is not installed")
            ?? (Directory.Exists(Path.Combine(repository, "tests", "OidcProvider", "node_modules", "oidc-provider")) ? null : "npm ci in tests/OidcProvider first");
        if (Unavailable is not null)
        {
            return;
        }

        Cluster = Cluster.Create(repository, "ci", Environment.GetEnvironmentVariable("SOCIALTJANST_TEST_POSTGRES")!);
        await Cluster.ApplyAsync([Kommun], TimeSpan.FromMinutes(4));
        ReadyAtApply = [.. Cluster.DeploymentPods().Where(p => p.Ready).Select(p => p.Name)];
        RestartedAtApply = [.. Cluster.DeploymentPods().Where(p => p.Restarts > 0).Select(p => p.Name)];
        var content = await File.ReadAllTextAsync(Path.Combine(repository, "services", "Catalog", "catalogs", "2514-kalix-2025.yaml"));
        var catalog = new Catalog.V1.CatalogService.CatalogServiceClient(await CallerAsync("catalog"));
        await catalog.ImportCatalogAsync(new Catalog.V1.ImportCatalogRequest { Parent = "municipalities/" + Kommun, Content = content, RequestId = Guid.NewGuid().ToString() });
        ImportRevision = (await catalog.ListInterventionsAsync(new Catalog.V1.ListInterventionsRequest { Parent = "municipalities/" + Kommun })).Revision;

        // A kommun new to the Catalog reaches the consumers at their next discovery (CatalogReplica:DiscoveryInterval, 30 s).
        var asOf = new Type.V1.Date { Year = 2025, Month = 10, Day = 1 };
        foreach (var pod in Cluster.DeploymentPods("eligibility").Concat(Cluster.DeploymentPods("documentation")))
        {
            var invoker = await CallerAsync(pod.Name.StartsWith("eligibility", StringComparison.Ordinal) ? "eligibility" : "documentation", pod.Address);
            await Cluster.WaitUntilAsync(() => Answers(pod.Name.StartsWith("eligibility", StringComparison.Ordinal)
                ? () => new Eligibility.V1.EligibilityService.EligibilityServiceClient(invoker).ListDirectInterventions(new Eligibility.V1.ListDirectInterventionsRequest { Parent = "municipalities/" + Kommun, AsOf = asOf })
                : () => new Documentation.V1.DocumentationService.DocumentationServiceClient(invoker).GetRecordingPolicy(new Documentation.V1.GetRecordingPolicyRequest { Intervention = $"municipalities/{Kommun}/interventions/bra-samtal", AsOf = asOf })),
                TimeSpan.FromSeconds(90), () => $"{pod.Name} did not receive kommun {Kommun}'s catalog");
        }
    }

    private static bool Answers(Func<object> call)
    {
        try
        {
            call();
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
        {
            return false;
        }
    }

    /// <summary>A call invoker to a Service (or one pod) with a token the identity provider issued to the kommun's caller.</summary>
    public async Task<CallInvoker> CallerAsync(string service, string? podAddress = null)
    {
        var token = await Cluster.Platform.TokenAsync(Kommun);
        return Cluster.Channel(service, podAddress).Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        });
    }

    public void SkipUnlessRunning() => Skip.If(Unavailable is not null, $"The production run needs {Unavailable}.");

    public async Task DisposeAsync()
    {
        if (Unavailable is null)
        {
            await Cluster.DisposeAsync();
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Socialtjanst.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Socialtjanst.slnx not found above the test's folder.");
    }
}

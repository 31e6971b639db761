using YamlDotNet.Serialization;
using static Socialtjanst.Deployment.Tests.Manifests;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// docker-compose.yml is the production-like shape a kommun's developers run locally: each service's runtime settings
/// (the garbage collector's, which the bench's figures depend on) are the ones its Deployment gets from the rendered
/// manifests (the ConfigMap's envFrom, then the container's env, which wins).
/// </summary>
public sealed class ComposeShapeTests
{
    [SkippableFact]
    public void EachService_RunsItsGarbageCollector_AsItsDeploymentDoes()
    {
        Skip.If(PodNetwork.Run("kubectl", "version", "--client") != 0, "kubectl is not installed (.ci/run installs it).");
        var repository = ProductionRun.RepositoryRoot();
        var manifests = Render(repository, "example");
        var compose = ComposeEnvironments(File.ReadAllText(Path.Combine(repository, "docker-compose.yml")));

        // Every service the manifests deploy is in docker-compose.yml under the same name.
        var services = manifests.OfKind("Deployment").Select(Name).ToList();
        Assert.NotEmpty(services);
        foreach (var service in services)
        {
            Assert.True(compose.ContainsKey(service), $"docker-compose.yml has no service {service}");
            var deployed = CollectorSettings(DeploymentEnvironment(manifests, service));
            Assert.NotEmpty(deployed); // every Deployment says which collector it runs (the ConfigMap's, or its own)
            // Compared as text that names the service, so a failure says which one differs.
            Assert.Equal($"{service}: {string.Join(", ", deployed)}", $"{service}: {string.Join(", ", CollectorSettings(compose[service]))}");
        }
    }

    [SkippableFact]
    public void EachService_ReadsItsRevocationListFromTheDeploymentsPath_InAFolderMountedFromTheRepository()
    {
        Skip.If(PodNetwork.Run("kubectl", "version", "--client") != 0, "kubectl is not installed (.ci/run installs it).");
        var repository = ProductionRun.RepositoryRoot();
        var manifests = Render(repository, "example");
        var yaml = File.ReadAllText(Path.Combine(repository, "docker-compose.yml"));
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(yaml);
        var compose = ComposeEnvironments(yaml);
        foreach (var service in manifests.OfKind("Deployment").Select(Name))
        {
            var file = DeploymentEnvironment(manifests, service)["Auth__RevokedTokenIdsFile"];
            Assert.Equal($"{service}: {file}", $"{service}: {compose[service].GetValueOrDefault("Auth__RevokedTokenIdsFile")}");

            // The file's folder is a bind mount of a folder in the repository that holds the file (a folder, not the file:
            // an editor that writes a new file would leave a mounted file's old copy in the container).
            var folder = Path.GetDirectoryName(file)!;
            var mounts = Seq(Map(Map(document, "services"), service), "volumes").Select(v => v.ToString()!.Split(':')).ToList();
            var mount = mounts.SingleOrDefault(m => m.Length >= 2 && m[1] == folder);
            Assert.True(mount is not null, $"{service}: no volume mounts {folder}");
            Assert.StartsWith("./", mount![0]);
            Assert.Equal("ro", mount.ElementAtOrDefault(2));
            var source = Path.Combine(repository, mount[0][2..], Path.GetFileName(file));
            Assert.True(File.Exists(source), $"{service}: {source} is not in the repository");

            // The repository's list refuses no token: comments and blank lines only.
            Assert.All(File.ReadAllLines(source), line => Assert.True(line.Trim().Length == 0 || line.TrimStart().StartsWith('#'), line));
        }
    }

    [Fact]
    public void ASettingThatDiffers_IsSeen()
    {
        // The comparison itself: a compose service whose collector differs from its Deployment's is not equal.
        var compose = ComposeEnvironments("""
            services:
              eligibility:
                environment:
                  DOTNET_gcServer: "1"
                  Database__Provider: SqlServer
            """);
        var manifests = Parse("""
            kind: ConfigMap
            metadata: {name: settings}
            data: {DOTNET_gcServer: "0", Database__Provider: SqlServer}
            ---
            kind: Deployment
            metadata: {name: eligibility}
            spec:
              template:
                spec:
                  containers:
                    - name: eligibility
                      envFrom: [{configMapRef: {name: settings}}]
                      env:
                        - {name: DOTNET_gcServer, value: "1"}
                        - {name: DOTNET_GCgen0size, value: "0x2000000"}
            """);
        var deployed = CollectorSettings(DeploymentEnvironment(manifests, "eligibility"));
        Assert.Equal(new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["DOTNET_GCgen0size"] = "0x2000000" }, deployed);
        Assert.NotEqual(deployed, CollectorSettings(compose["eligibility"]));
    }

    /// <summary>The runtime's garbage collector settings among a service's environment (DOTNET_gc…, DOTNET_GC…).</summary>
    private static SortedDictionary<string, string> CollectorSettings(IReadOnlyDictionary<string, string> environment) =>
        new(environment.Where(kv => kv.Key.StartsWith("DOTNET_gc", StringComparison.OrdinalIgnoreCase)).ToDictionary(), StringComparer.Ordinal);

    /// <summary>A Deployment's container environment from the manifests: each ConfigMap of envFrom, then env's literal values.</summary>
    private static Dictionary<string, string> DeploymentEnvironment(Manifests manifests, string name)
    {
        var container = Seq(manifests.Get("Deployment", name), "spec", "template", "spec", "containers").Single(c => Str(c, "name") == name);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var from in Seq(container, "envFrom"))
        {
            var data = Map(manifests.Get("ConfigMap", Str(Map(from, "configMapRef"), "name")), "data");
            foreach (var (key, value) in data)
            {
                environment[key.ToString()!] = value?.ToString() ?? "";
            }
        }

        foreach (var entry in Seq(container, "env").Select(e => Map(e)).Where(e => e.ContainsKey("value")))
        {
            environment[Str(entry, "name")] = Str(entry, "value");
        }

        return environment;
    }

    private static Dictionary<string, Dictionary<string, string>> ComposeEnvironments(string yaml)
    {
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(yaml);
        return Map(document, "services").ToDictionary(
            s => s.Key.ToString()!,
            s => Map(s.Value, "environment").ToDictionary(kv => kv.Key.ToString()!, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal),
            StringComparer.Ordinal);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using static Socialtjanst.Deployment.Tests.Manifests;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// The rendered manifests run as a cluster would on this machine: the migration Jobs first (each must complete), then
/// every Deployment's replicas, every Service at its address (headless ones by name only), the platform's Secrets
/// and identity provider. Everything a pod gets is read from the manifests; the images are the services' build
/// output with the Dockerfile's entrypoint and environment.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly string repository;
    private readonly List<Pod> pods = [];
    private readonly Dictionary<string, (string Address, List<ServiceProxy> Proxies)> services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> podCounters = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Pod> runningJobs = new(StringComparer.Ordinal);

    private Cluster(string repository, Manifests manifests, string folder, string postgres)
    {
        this.repository = repository;
        Manifests = manifests;
        Folder = folder;
        Network = new PodNetwork();
        Platform = new Platform(folder, postgres);
    }

    public Manifests Manifests { get; }

    public string Folder { get; }

    public PodNetwork Network { get; }

    public Platform Platform { get; }

    /// <summary>How long from the start of apply until every Deployment's pods were ready.</summary>
    public TimeSpan ApplyToReady { get; private set; }

    public static Cluster Create(string repository, string overlay, string postgres)
    {
        // Not under /tmp: the pods mount their own /tmp over it, which would hide their other volumes' sources.
        var folder = Directory.CreateDirectory(Path.Combine("/var/tmp", $"socialtjanst-cluster-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48])).FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0x1ED); // 0755: the pods' users read their volumes below it
        return new Cluster(repository, Manifests.Render(repository, overlay), folder, postgres);
    }

    /// <summary>
    /// A ConfigMap applied again with new data (`kubectl apply`): every running pod that mounts it sees the change as the
    /// kubelet brings it (<see cref="Pod.UpdateConfigMap"/>, at once here), and pods started later mount the new data.
    /// </summary>
    public void UpdateConfigMap(string name, IReadOnlyDictionary<string, string> data)
    {
        lock (gate)
        {
            applied[name] = data;
        }

        foreach (var pod in DeploymentPods())
        {
            pod.UpdateConfigMap(name, data);
        }
    }

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> applied = new(StringComparer.Ordinal);

    /// <summary>A ConfigMap's data: as last applied, the manifests', or the platform's (the CA).</summary>
    public IReadOnlyDictionary<string, string> ConfigMap(string name) =>
        AppliedConfigMap(name) ?? (Manifests.OfKind("ConfigMap").FirstOrDefault(c => Manifests.Name(c) == name) is { } map
            ? Map(map, "data").ToDictionary(kv => kv.Key.ToString()!, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal)
            : Platform.ConfigMapData(name));

    private IReadOnlyDictionary<string, string>? AppliedConfigMap(string name)
    {
        lock (gate)
        {
            return applied.GetValueOrDefault(name);
        }
    }

    /// <summary>
    /// An image as services/Dockerfile builds it for the service its name ends in: the base image's environment
    /// (mcr.microsoft.com/dotnet/aspnet sets ASPNETCORE_HTTP_PORTS=8080), the Dockerfile's ENV, ENTRYPOINT and WORKDIR,
    /// and the service's build output as the content the pod sees at that WORKDIR.
    /// </summary>
    public (Dictionary<string, string> Environment, List<string> Entrypoint, string WorkingDirectory, string Content) Image(string image)
    {
        var name = image.Split('/')[^1].Split(':')[0];
        var service = Directory.GetDirectories(Path.Combine(repository, "services")).Select(Path.GetFileName)
            .Single(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase))!;
        var dockerfile = File.ReadAllText(Path.Combine(repository, "services", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var final = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..].Split('\n');
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["ASPNETCORE_HTTP_PORTS"] = "8080", ["DOTNET_RUNNING_IN_CONTAINER"] = "true" };
        foreach (var line in final.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (var pair in line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                environment[key] = value.Replace("${SERVICE}", service, StringComparison.Ordinal);
            }
        }

        var entrypoint = JsonSerializer.Deserialize<List<string>>(final.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))["ENTRYPOINT ".Length..])!;
        var workdir = final.Last(l => l.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..].Trim();
        var output = Path.Combine(repository, "services", service, "bin", "Release", "net10.0");
        return (environment, entrypoint, workdir, output);
    }

    /// <summary>
    /// kubectl apply: the platform's Secrets and identity provider, the Services, the Jobs (each must complete, retried
    /// up to its backoffLimit), then every Deployment's replicas; returns when every pod is ready.
    /// </summary>
    public async Task ApplyAsync(IEnumerable<string> kommuner, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        foreach (var name in Templates().SelectMany(t => SecretNames(Map(t.Template, "spec"))).Distinct())
        {
            await Platform.SecretAsync(name);
        }

        foreach (var kommun in kommuner)
        {
            Platform.AddKommunClient(kommun);
        }

        Platform.ServeDatabase();
        await Platform.StartIdentityProviderAsync(repository, ConfigMap("socialtjanst")["Auth__Audience"]); // the audience the manifests accept
        Network.SetName(Platform.IdentityHost, [PodNetwork.Node]);
        foreach (var service in Manifests.OfKind("Service"))
        {
            StartService(service);
        }

        var jobs = Task.WhenAll(Manifests.OfKind("Job").Select(RunJobAsync));
        try
        {
            await jobs.WaitAsync(timeout);
        }
        catch (TimeoutException ex) when (!jobs.IsCompleted)
        {
            // Which Job did not end, and what it said so far: a hung Job explains itself in the test's failure. (A Job
            // pod's own timeout, in RunJobAsync, has already named its pod and output: it passes unwrapped.)
            throw new TimeoutException($"Jobs not ended after {timeout}: " + string.Join("\n", runningJobs.Values.Select(p => $"{p.Name}:\n{Tail(p.Output)}")), ex);
        }
        foreach (var deployment in Manifests.OfKind("Deployment"))
        {
            for (var i = 0; i < Int(Map(deployment, "spec"), "replicas", 1); i++)
            {
                await StartPodAsync(deployment);
            }
        }

        await WaitUntilAsync(() => DeploymentPods().All(p => p.Ready), timeout, () => "pods not ready: " + string.Join(", ", DeploymentPods().Where(p => !p.Ready).Select(p => p.Name)));
        ApplyToReady = clock.Elapsed;
    }

    private IEnumerable<(string Kind, Dictionary<object, object> Template)> Templates() =>
        Manifests.OfKind("Deployment").Concat(Manifests.OfKind("Job")).Select(o => (Str(o, "kind"), Map(o, "spec", "template")));

    private static IEnumerable<string> SecretNames(Dictionary<object, object> podSpec) =>
        Seq(podSpec, "containers").SelectMany(c => Seq(c, "env")).Select(e => Str(Map(e, "valueFrom", "secretKeyRef"), "name"))
            .Concat(Seq(podSpec, "volumes").Select(v => Str(Map(v, "secret"), "secretName")))
            .Where(n => n.Length > 0);

    /// <summary>The Job's pods, one after another while they fail, at most backoffLimit + 1; the exit codes in order.</summary>
    public async Task<List<int>> RunJobAsync(Dictionary<object, object> job)
    {
        var codes = new List<int>();
        var attempts = Int(Map(job, "spec"), "backoffLimit", 6) + 1;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            await using var pod = new Pod(this, $"{Manifests.Name(job)}-{attempt}", Map(job, "spec", "template"), restartAlways: false);
            runningJobs[pod.Name] = pod;
            int code;
            try
            {
                await pod.StartAsync();
                code = await pod.Exited.Task.WaitAsync(TimeSpan.FromMinutes(3));
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"Job pod {pod.Name} did not exit in 3 minutes. Its output so far:\n{Tail(pod.Output)}", ex);
            }
            finally
            {
                runningJobs.TryRemove(pod.Name, out _);
            }

            codes.Add(code);
            File.WriteAllText(Path.Combine(Folder, $"{pod.Name}.log"), pod.Output);
            if (code == 0)
            {
                return codes;
            }
        }

        throw new InvalidOperationException($"Job {Manifests.Name(job)} failed {attempts} times: {string.Join(", ", codes)}. Last output:\n" +
            File.ReadAllText(Path.Combine(Folder, $"{Manifests.Name(job)}-{attempts - 1}.log")));
    }

    /// <summary>A pod's last lines of output.</summary>
    private static string Tail(string output, int lines = 40)
    {
        var all = output.Split('\n');
        return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
    }

    /// <summary>A new pod of the Deployment (its template as rendered, less any environment variable named).</summary>
    public async Task<Pod> StartPodAsync(Dictionary<object, object> deployment, IEnumerable<string>? removeEnv = null, bool member = true)
    {
        var name = Manifests.Name(deployment);
        int n;
        lock (gate)
        {
            n = podCounters[name] = podCounters.GetValueOrDefault(name) + 1;
        }

        var pod = new Pod(this, $"{name}-{n}", Map(deployment, "spec", "template"), restartAlways: member, removeEnv);
        if (member)
        {
            pod.Changed += UpdateNames;
            lock (gate)
            {
                pods.Add(pod);
            }
        }

        await pod.StartAsync();
        return pod;
    }

    public IReadOnlyList<Pod> DeploymentPods(string? deployment = null)
    {
        lock (gate)
        {
            return [.. pods.Where(p => deployment is null || p.Name.StartsWith(deployment + "-", StringComparison.Ordinal))];
        }
    }

    /// <summary>
    /// kubectl rollout restart with the default RollingUpdate (maxSurge 25 %, maxUnavailable 25 %: with 2 replicas one
    /// new pod at a time, an old one deleted once it is ready).
    /// </summary>
    public async Task<List<(string Pod, TimeSpan Ready, TimeSpan Terminated, int ExitCode)>> RolloutRestartAsync(string deployment, TimeSpan timeout)
    {
        var manifest = Manifests.Get("Deployment", deployment);
        var steps = new List<(string, TimeSpan, TimeSpan, int)>();
        foreach (var old in DeploymentPods(deployment).ToList())
        {
            var clock = Stopwatch.StartNew();
            var fresh = await StartPodAsync(manifest);
            await WaitUntilAsync(() => fresh.Ready, timeout, () => $"{fresh.Name} not ready");
            var ready = clock.Elapsed;
            var code = await DeletePodAsync(old);
            steps.Add((old.Name, ready, clock.Elapsed - ready, code));
        }

        return steps;
    }

    /// <summary>Deletes a pod (SIGTERM, the grace period, SIGKILL) and takes it out of the Deployment; its exit code.</summary>
    public async Task<int> DeletePodAsync(Pod pod)
    {
        var code = await pod.TerminateAsync();
        lock (gate)
        {
            pods.Remove(pod);
        }

        UpdateNames();
        await pod.DisposeAsync();
        return code;
    }

    private void StartService(Dictionary<object, object> service)
    {
        var name = Manifests.Name(service);
        var spec = Map(service, "spec");
        var selector = Map(spec, "selector");
        if (Str(spec, "clusterIP") == "None")
        {
            services[name] = ("", []);
            return;
        }

        var address = Network.NewServiceAddress();
        var proxies = Seq(spec, "ports").Select(p => Map(p)).Select(port => new ServiceProxy(
            new IPEndPoint(IPAddress.Parse(address), Int(port, "port", 0)),
            () => [.. DeploymentPods().Where(p => p.Ready && Matches(p.Labels, selector)).Select(p => p.Endpoint(Str(port, "targetPort", Str(port, "port"))))])).ToList();
        services[name] = (address, proxies);
        UpdateNames();
    }

    /// <summary>The cluster's DNS: a Service's name is its address; a headless one's, its ready pods'.</summary>
    private void UpdateNames()
    {
        var ns = Str(Map(Manifests.OfKind("Deployment").First(), "metadata"), "namespace", "default");
        foreach (var service in Manifests.OfKind("Service"))
        {
            var name = Manifests.Name(service);
            if (!services.TryGetValue(name, out var entry))
            {
                continue;
            }

            var selector = Map(service, "spec", "selector");
            IEnumerable<string> addresses = entry.Address.Length > 0 ? [entry.Address]
                : DeploymentPods().Where(p => p.Ready && Matches(p.Labels, selector)).Select(p => p.Address);
            var list = addresses.ToList();
            foreach (var form in new[] { name, $"{name}.{ns}", $"{name}.{ns}.svc", $"{name}.{ns}.svc.cluster.local" })
            {
                Network.SetName(form, list);
            }
        }
    }

    /// <summary>The addresses of the peers with an established TCP connection to a pod's port (ss, in the pod's namespace).</summary>
    public static HashSet<string> Peers(Pod pod, int port)
    {
        var ss = new ProcessStartInfo("ip", ["netns", "exec", pod.Namespace, "ss", "-Htn", "state", "established", $"( sport = :{port} )"]) { RedirectStandardOutput = true };
        using var process = Process.Start(ss)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        // Recv-Q Send-Q Local:Port Peer:Port
        return [.. lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 4)
            .Select(f => f[3][..f[3].LastIndexOf(':')].Replace("[::ffff:", "", StringComparison.Ordinal).TrimEnd(']'))];
    }

    /// <summary>The address a caller in the cluster uses for a Service.</summary>
    public string ServiceAddress(string service) => services[service].Address;

    /// <summary>
    /// A gRPC channel to a Service (or straight to a pod's address), checking the service's certificate against the
    /// platform's CA under the Service's name and presenting the callers' client certificate, as a caller in the
    /// cluster does.
    /// </summary>
    public GrpcChannel Channel(string service, string? address = null, int port = 8443, bool clientCertificate = true)
    {
        var target = new IPEndPoint(IPAddress.Parse(address ?? ServiceAddress(service)), port);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(target, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && Platform.Trusted(new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate))
                && (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) == System.Net.Security.SslPolicyErrors.None },
            EnableMultipleHttp2Connections = true,
        };
        if (clientCertificate)
        {
            handler.SslOptions.ClientCertificates = [Platform.CallerCertificate];
        }

        return GrpcChannel.ForAddress($"https://{service}:{port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(what());
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pod in DeploymentPods())
        {
            await pod.DisposeAsync();
        }

        foreach (var (_, entry) in services)
        {
            foreach (var proxy in entry.Proxies)
            {
                await proxy.DisposeAsync();
            }
        }

        await Platform.DisposeAsync();
        Network.Dispose();
        if (Environment.GetEnvironmentVariable("SOCIALTJANST_KEEP_CLUSTER_LOGS") != "1")
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

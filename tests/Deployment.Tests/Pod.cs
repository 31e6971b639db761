using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using static Socialtjanst.Deployment.Tests.Manifests;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// One pod of a rendered pod template, started as the kubelet would: in a network namespace of its own, with the
/// container's command from its image, its environment (env, envFrom, secretKeyRef, configMapKeyRef) and its volumes
/// mounted at their paths, as its user (runAsUser/runAsGroup) with a read-only root where the manifest says so. Its
/// probes run exactly as declared (path, port, scheme, timings, thresholds); readiness decides whether Services
/// send it traffic. A Deployment's pod is restarted when it exits or fails liveness; a Job's is not.
/// </summary>
public sealed class Pod : IAsyncDisposable
{
    private readonly Cluster cluster;
    private readonly Dictionary<object, object> spec;
    private readonly Dictionary<object, object> container;
    private readonly StringBuilder output = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly bool restartAlways;
    private readonly Dictionary<string, string?> removed;
    private readonly Dictionary<string, Socialtjanst.TestSupport.ConfigMapVolume> configMaps = new(StringComparer.Ordinal);
    private Process? process;
    private Task? probing;
    private volatile bool ready;
    private volatile bool started;

    public Pod(Cluster cluster, string name, Dictionary<object, object> template, bool restartAlways, IEnumerable<string>? removeEnv = null)
    {
        this.cluster = cluster;
        Name = name;
        Labels = Map(template, "metadata", "labels");
        spec = Map(template, "spec");
        container = Map(Seq(spec, "containers")[0]);
        this.restartAlways = restartAlways;
        removed = (removeEnv ?? []).ToDictionary(e => e, _ => (string?)null, StringComparer.Ordinal);
        (Namespace, Address) = cluster.Network.NewPod(name);
        Folder = Directory.CreateDirectory(Path.Combine(cluster.Folder, "pods", name)).FullName;
    }

    public string Name { get; }

    public Dictionary<object, object> Labels { get; }

    public string Namespace { get; }

    public string Address { get; }

    public string Folder { get; }

    public bool Ready => ready;

    public int Restarts { get; private set; }

    public int? ExitCode { get; private set; }

    public TaskCompletionSource<int> Exited { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public event Action? Changed;

    /// <summary>The container's process (the exec chain keeps it: ip netns exec, sh, setpriv and the entrypoint all exec).</summary>
    public int ProcessId => process?.Id ?? 0;

    /// <summary>The node loses the container at once (SIGKILL, as an OOM kill or a node failure): no shutdown runs.</summary>
    public void KillHard() => Kill();

    /// <summary>The container port of a probe's or Service's port (a number, or a container port's name).</summary>
    public int Port(string port) => int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : Seq(container, "ports").Select(p => Map(p)).Where(p => Str(p, "name") == port).Select(p => Int(p, "containerPort", 0)).FirstOrDefault();

    public IPEndPoint Endpoint(string port) => new(IPAddress.Parse(Address), Port(port));

    public async Task StartAsync()
    {
        var environment = await EnvironmentAsync();
        var mounts = await VolumesAsync();
        var security = Map(container, "securityContext");
        var podSecurity = Map(spec, "securityContext");
        var user = Str(security, "runAsUser", Str(podSecurity, "runAsUser", "0"));
        var group = Str(security, "runAsGroup", Str(podSecurity, "runAsGroup", user));
        var image = cluster.Image(Str(container, "image"));
        var script = new StringBuilder("set -e\n");
        // The image's content at its WORKDIR first: a volume (an emptyDir at /tmp) may cover where it lies on the node.
        script.Append(CultureInfo.InvariantCulture, $"mkdir -p '{image.WorkingDirectory}' && mount --bind '{image.Content}' '{image.WorkingDirectory}' && mount -o remount,bind,ro '{image.WorkingDirectory}'\n");
        foreach (var (source, path, readOnly) in mounts)
        {
            script.Append(CultureInfo.InvariantCulture, $"mkdir -p '{path}' && mount --bind '{source}' '{path}'\n");
            if (readOnly)
            {
                script.Append(CultureInfo.InvariantCulture, $"mount -o remount,bind,ro '{path}'\n");
            }
        }

        script.Append(CultureInfo.InvariantCulture, $"cd '{image.WorkingDirectory}'\n");
        if (Str(security, "readOnlyRootFilesystem") == "true")
        {
            script.Append("mount -o remount,bind,ro /\n");
        }

        var privileges = $"setpriv --reuid={user} --regid={group} --clear-groups" +
            (Str(security, "allowPrivilegeEscalation") == "false" ? " --no-new-privs" : "") +
            (Seq(security, "capabilities", "drop").Any(c => c?.ToString() == "ALL") ? " --inh-caps=-all --bounding-set=-all" : "");
        var command = Seq(container, "command").Count > 0 ? Seq(container, "command").Select(c => c.ToString()!).ToList() : image.Entrypoint;
        command.AddRange(Seq(container, "args").Select(a => a.ToString()!));
        script.Append("exec ").Append(privileges).Append(' ').Append(string.Join(' ', command.Select(Quote))).Append('\n');

        var start = new ProcessStartInfo("ip", ["netns", "exec", Namespace, "sh", "-c", script.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = "/";
        start.Environment["HOSTNAME"] = Name;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        started = false;
        var current = Process.Start(start)!;
        process = current;
        current.OutputDataReceived += (_, e) => Append(e.Data);
        current.ErrorDataReceived += (_, e) => Append(e.Data);
        current.EnableRaisingEvents = true;
        current.Exited += (_, _) => OnExited(current);
        current.BeginOutputReadLine();
        current.BeginErrorReadLine();
        probing ??= Task.Run(ProbeAsync);
    }

    private void OnExited(Process exited)
    {
        exited.WaitForExit(); // the Exited event can come before the last output lines: this waits for the streams' end
        ExitCode = exited.ExitCode;
        ready = false;
        Changed?.Invoke();
        Exited.TrySetResult(exited.ExitCode);
        if (restartAlways && !stopping.IsCancellationRequested)
        {
            Restarts++;
            var backoff = TimeSpan.FromSeconds(Math.Min(10 * Math.Pow(2, Restarts - 1), 300)); // the kubelet's back-off
            _ = Task.Delay(backoff, stopping.Token).ContinueWith(t =>
            {
                if (!t.IsCanceled)
                {
                    _ = StartAsync();
                }
            }, TaskScheduler.Default);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        File.AppendAllText(Path.Combine(Folder, "container.log"), line + "\n");
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The image's environment, then envFrom, then env (which wins), as a container gets it.</summary>
    private async Task<Dictionary<string, string>> EnvironmentAsync()
    {
        var image = cluster.Image(Str(container, "image"));
        var environment = new Dictionary<string, string>(image.Environment, StringComparer.Ordinal);
        foreach (var from in Seq(container, "envFrom"))
        {
            var name = Str(Map(from, "configMapRef"), "name");
            foreach (var (key, value) in cluster.ConfigMap(name))
            {
                environment[key] = value;
            }
        }

        foreach (var entry in Seq(container, "env").Select(e => Map(e)))
        {
            var name = Str(entry, "name");
            if (entry.ContainsKey("value"))
            {
                environment[name] = Str(entry, "value");
            }
            else if (Map(entry, "valueFrom", "secretKeyRef") is { Count: > 0 } secret)
            {
                environment[name] = Encoding.UTF8.GetString((await cluster.Platform.SecretAsync(Str(secret, "name")))[Str(secret, "key")]);
            }
            else if (Map(entry, "valueFrom", "configMapKeyRef") is { Count: > 0 } config)
            {
                environment[name] = cluster.ConfigMap(Str(config, "name"))[Str(config, "key")];
            }
        }

        foreach (var name in removed.Keys)
        {
            environment.Remove(name);
        }

        return environment;
    }

    /// <summary>A ConfigMap this pod mounts, changed in place as the kubelet changes it (a no-op for one it does not mount).</summary>
    public void UpdateConfigMap(string name, IReadOnlyDictionary<string, string> data)
    {
        if (configMaps.TryGetValue(name, out var volume))
        {
            volume.Replace(data);
        }
    }

    /// <summary>Each volume made in the pod's folder (Secrets as files, ConfigMaps as the kubelet lays them out, emptyDirs), and where it is mounted.</summary>
    private async Task<List<(string Source, string Path, bool ReadOnly)>> VolumesAsync()
    {
        var podSecurity = Map(spec, "securityContext");
        var owner = Str(Map(container, "securityContext"), "runAsUser", Str(podSecurity, "runAsUser", "0"));
        var group = Str(podSecurity, "fsGroup", owner);
        var volumes = Seq(spec, "volumes").Select(v => Map(v)).ToDictionary(v => Str(v, "name"), StringComparer.Ordinal);
        var mounts = new List<(string, string, bool)>();
        foreach (var mount in Seq(container, "volumeMounts").Select(m => Map(m)))
        {
            var volume = volumes[Str(mount, "name")];
            var folder = Path.Combine(Folder, "volumes", Str(mount, "name"));
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                if (Map(volume, "secret") is { Count: > 0 } secret)
                {
                    var declared = Str(secret, "defaultMode", "420"); // kustomize renders 0400 as 256; YAML written by hand may keep the octal
                    var mode = declared.Length > 1 && declared[0] == '0' ? Convert.ToInt32(declared, 8) : int.Parse(declared, CultureInfo.InvariantCulture);
                    foreach (var (key, value) in await cluster.Platform.SecretAsync(Str(secret, "secretName")))
                    {
                        await WriteOwnedAsync(Path.Combine(folder, key), value, mode, owner, group);
                    }
                }
                else if (Map(volume, "configMap") is { Count: > 0 } config)
                {
                    // As the kubelet lays it out (links to a folder swapped on each change), so UpdateConfigMap can change it as the kubelet does.
                    var name = Str(config, "name");
                    configMaps[name] = new Socialtjanst.TestSupport.ConfigMapVolume(folder, cluster.ConfigMap(name), file =>
                    {
                        File.SetUnixFileMode(file, (UnixFileMode)0x1A4);
                        PodNetwork.Run("chown", $"{owner}:{group}", file);
                    });
                }
                else if (volume.ContainsKey("emptyDir"))
                {
                    File.SetUnixFileMode(folder, (UnixFileMode)0x1FF); // 0777, as the kubelet makes an emptyDir
                }
            }

            mounts.Add((folder, Str(mount, "mountPath"), Str(mount, "readOnly") == "true"));
        }

        return mounts;
    }

    private static async Task WriteOwnedAsync(string path, byte[] value, int mode, string owner, string group)
    {
        await File.WriteAllBytesAsync(path, value);
        File.SetUnixFileMode(path, (UnixFileMode)mode);
        PodNetwork.Run("chown", $"{owner}:{group}", path);
    }

    private async Task ProbeAsync()
    {
        var token = stopping.Token;
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }; // the kubelet does not verify
        using var http = new HttpClient(handler);
        var startup = Map(container, "startupProbe");
        var readiness = Map(container, "readinessProbe");
        var liveness = Map(container, "livenessProbe");
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        while (!token.IsCancellationRequested)
        {
            var now = DateTime.UtcNow;
            if (process is { HasExited: false })
            {
                if (!started)
                {
                    started = startup.Count == 0 || await DueAndPassesAsync("startup", startup);
                }
                else
                {
                    if (readiness.Count > 0 && next.GetValueOrDefault("readiness") <= now)
                    {
                        var ok = await PassesAsync(readiness);
                        next["readiness"] = now.AddSeconds(Int(readiness, "periodSeconds", 10));
                        failures["readiness"] = ok ? 0 : failures.GetValueOrDefault("readiness") + 1;
                        var wasReady = ready;
                        ready = ok || (ready && failures["readiness"] < Int(readiness, "failureThreshold", 3));
                        if (wasReady != ready)
                        {
                            Changed?.Invoke();
                        }
                    }

                    if (liveness.Count > 0 && !await DueAndPassesAsync("liveness", liveness))
                    {
                        Kill(); // liveness failed: the kubelet restarts the container
                    }
                }
            }

            await Task.Delay(100, token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        // A probe is due when its period has passed; it fails the pod once failureThreshold checks in a row failed.
        async Task<bool> DueAndPassesAsync(string kind, Dictionary<object, object> probe)
        {
            if (next.GetValueOrDefault(kind) > DateTime.UtcNow)
            {
                return kind != "startup";
            }

            var ok = await PassesAsync(probe);
            next[kind] = DateTime.UtcNow.AddSeconds(Int(probe, "periodSeconds", 10));
            failures[kind] = ok ? 0 : failures.GetValueOrDefault(kind) + 1;
            if (kind == "startup")
            {
                if (!ok && failures[kind] >= Int(probe, "failureThreshold", 3))
                {
                    Kill();
                    failures[kind] = 0;
                }

                return ok;
            }

            return failures[kind] < Int(probe, "failureThreshold", 3);
        }

        async Task<bool> PassesAsync(Dictionary<object, object> probe)
        {
            var get = Map(probe, "httpGet");
            var url = $"{Str(get, "scheme", "HTTP").ToLowerInvariant()}://{Address}:{Port(Str(get, "port"))}{Str(get, "path", "/")}";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(TimeSpan.FromSeconds(Int(probe, "timeoutSeconds", 1)));
            try
            {
                using var response = await http.GetAsync(url, timeout.Token);
                return (int)response.StatusCode is >= 200 and < 400;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                return false;
            }
        }
    }

    private void Kill()
    {
        try
        {
            process?.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// Deletes the pod as the API server does: out of every Service's endpoints at once, SIGTERM, then SIGKILL once the
    /// declared terminationGracePeriodSeconds have passed. Returns the container's exit code.
    /// </summary>
    public async Task<int> TerminateAsync()
    {
        await stopping.CancelAsync();
        ready = false;
        Changed?.Invoke();
        if (process is { HasExited: false } running)
        {
            PodNetwork.Run("kill", "-TERM", running.Id.ToString(CultureInfo.InvariantCulture));
            var grace = TimeSpan.FromSeconds(Int(spec, "terminationGracePeriodSeconds", 30));
            if (await Task.WhenAny(Exited.Task, Task.Delay(grace)) != Exited.Task)
            {
                Kill();
            }
        }

        var code = process is null ? 0 : await Exited.Task;
        if (probing is { } p)
        {
            await p;
        }

        return code;
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested || process is { HasExited: false })
        {
            await TerminateAsync();
        }

        process?.Dispose();
        stopping.Dispose();
        cluster.Network.Remove(Namespace);
    }
}

using System.Diagnostics;
using System.Net;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// The cluster's network on this machine: a bridge (10.88.0.1/16, the node), a network namespace per pod with its
/// own address (10.88.2.n) so every pod binds the port its manifest names, Service addresses on the bridge
/// (10.88.1.n, served by <see cref="ServiceProxy"/>), and a hosts file per pod that stands in for the cluster's DNS
/// (rewritten in place as pods become ready, so a headless Service's name lists its ready pods).
/// </summary>
public sealed class PodNetwork : IDisposable
{
    public const string Node = "10.88.0.1";
    private const string Bridge = "stk0";
    private readonly string prefix = "st" + (Environment.ProcessId % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private readonly List<string> namespaces = [];
    private readonly List<string> hostsFiles = [];
    private readonly Lock gate = new();
    private int nextPod = 1;
    private int nextService = 1;

    /// <summary>Name → addresses, as DNS would answer them.</summary>
    private readonly Dictionary<string, List<string>> names = new(StringComparer.Ordinal);

    public PodNetwork()
    {
        Run("ip", "link", "del", Bridge, "--ignore-errors");
        Ip("link", "add", Bridge, "type", "bridge");
        Ip("addr", "add", Node + "/16", "dev", Bridge);
        Ip("link", "set", Bridge, "up");
    }

    /// <summary>Whether this machine lets the run make namespaces (root, iproute2): the run is skipped otherwise.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "the production run needs root on Linux (network namespaces per pod)";
        }

        return Run("ip", "netns", "list") == 0 ? null : "iproute2's ip netns is not available";
    }

    public string NewServiceAddress()
    {
        string address;
        lock (gate)
        {
            address = $"10.88.1.{nextService++}";
        }

        Ip("addr", "add", address + "/32", "dev", Bridge);
        return address;
    }

    /// <summary>A pod's namespace and address; its hosts file under /etc/netns (bind-mounted by ip netns exec).</summary>
    public (string Namespace, string Address) NewPod(string hostname)
    {
        int n;
        lock (gate)
        {
            n = nextPod++;
        }

        var ns = $"{prefix}p{n}";
        var address = $"10.88.{2 + (n / 250)}.{1 + (n % 250)}";
        var veth = $"{prefix}v{n}";
        Ip("netns", "add", ns);
        lock (gate)
        {
            namespaces.Add(ns);
        }

        Ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Ip("link", "set", veth, "master", Bridge, "up");
        Ip("-n", ns, "addr", "add", address + "/16", "dev", "eth0");
        Ip("-n", ns, "link", "set", "eth0", "up");
        Ip("-n", ns, "link", "set", "lo", "up");
        Ip("-n", ns, "route", "add", "default", "via", Node);
        var folder = Path.Combine("/etc/netns", ns);
        Directory.CreateDirectory(folder);
        var hosts = Path.Combine(folder, "hosts");
        lock (gate)
        {
            hostsFiles.Add(hosts);
            File.WriteAllText(hosts, HostsText(hostname, address));
        }

        return (ns, address);
    }

    /// <summary>Sets what a name resolves to (a Service's address, a headless Service's ready pods) in every pod.</summary>
    public void SetName(string name, IEnumerable<string> addresses)
    {
        lock (gate)
        {
            names[name] = [.. addresses];
            foreach (var file in hostsFiles)
            {
                var lines = File.ReadAllLines(file);
                var own = lines.Take(2); // localhost and the pod's own name
                File.WriteAllText(file, string.Join('\n', own) + "\n" + NamesText()); // truncates: the same file the pod has mounted
            }
        }
    }

    private string HostsText(string hostname, string address) => $"127.0.0.1 localhost\n{address} {hostname}\n" + NamesText();

    private string NamesText() => string.Concat(names.SelectMany(n => n.Value.Select(a => $"{a} {n.Key}\n")));

    public void Remove(string ns)
    {
        Run("ip", "netns", "del", ns);
        try
        {
            Directory.Delete(Path.Combine("/etc/netns", ns), recursive: true);
        }
        catch (IOException)
        {
        }

        lock (gate)
        {
            hostsFiles.Remove(Path.Combine("/etc/netns", ns, "hosts"));
        }
    }

    public void Dispose()
    {
        foreach (var ns in namespaces.ToList())
        {
            Remove(ns);
        }

        Run("ip", "link", "del", Bridge);
    }

    private static void Ip(params string[] args)
    {
        if (Run("ip", args) != 0)
        {
            throw new InvalidOperationException("ip " + string.Join(' ', args) + " failed");
        }
    }

    public static int Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args.Where(a => a != "--ignore-errors")) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    public static bool IsPodAddress(IPAddress address) => address.ToString().StartsWith("10.88.", StringComparison.Ordinal);
}

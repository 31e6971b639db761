namespace Socialtjanst.TestSupport;

/// <summary>
/// A folder laid out as the kubelet mounts a ConfigMap, and updated as it updates one: the keys' files live in a
/// timestamped folder (`..2026_12_07_19_30_00.1234567…`), `..data` links to it, and each key is a link to
/// `..data/{key}`. An update writes a new folder and swaps `..data` to it in one rename, then removes the old one, so a
/// reader never sees half a change and a watcher of the key's own path sees no event of its own. Used by the services'
/// tests and by the production run's pods (tests/Deployment.Tests links this file).
/// </summary>
public sealed class ConfigMapVolume : IDisposable
{
    private readonly string root;
    private readonly bool owned;
    private readonly Action<string>? written;
    private readonly Dictionary<string, string> data = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private string? current;

    /// <summary>A ConfigMap of one key, in a temporary folder of its own (removed on dispose).</summary>
    public ConfigMapVolume(string key, string value)
        : this(Directory.CreateTempSubdirectory("configmap-").FullName, new Dictionary<string, string> { [key] = value }, null, owned: true)
    {
    }

    /// <summary>A ConfigMap's data in <paramref name="root"/>; <paramref name="written"/> is told each file written (to set its owner).</summary>
    public ConfigMapVolume(string root, IReadOnlyDictionary<string, string> data, Action<string>? written = null)
        : this(root, data, written, owned: false)
    {
    }

    private ConfigMapVolume(string root, IReadOnlyDictionary<string, string> data, Action<string>? written, bool owned)
    {
        (this.root, this.written, this.owned) = (root, written, owned);
        Replace(data);
    }

    /// <summary>The path a container reads the key at.</summary>
    public string PathOf(string key) => Path.Combine(root, key);

    /// <summary>The key's value changed (or added), as a `kubectl apply` of the ConfigMap brings it.</summary>
    public void Update(string key, string value) => Change(d => d[key] = value);

    /// <summary>The key gone from the ConfigMap: its link is removed.</summary>
    public void Remove(string key) => Change(d => d.Remove(key));

    /// <summary>The ConfigMap's whole data, as applied.</summary>
    public void Replace(IReadOnlyDictionary<string, string> replacement) => Change(d =>
    {
        d.Clear();
        foreach (var (key, value) in replacement)
        {
            d[key] = value;
        }
    });

    public void Dispose()
    {
        if (owned)
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private void Change(Action<Dictionary<string, string>> change)
    {
        lock (gate)
        {
            change(data);
            Swap();
        }
    }

    // File.Move will not move a link to a folder; mv -T renames the link itself, over the old one, with rename(2).
    private static void Rename(string from, string to)
    {
        using var mv = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mv") { ArgumentList = { "-T", from, to } })!;
        mv.WaitForExit();
        if (mv.ExitCode != 0)
        {
            throw new IOException($"mv -T {from} {to} exited with {mv.ExitCode}");
        }
    }

    private void Swap()
    {
        var folder = ".." + DateTime.UtcNow.ToString("yyyy_MM_dd_HH_mm_ss.fffffff", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];
        Directory.CreateDirectory(Path.Combine(root, folder));
        foreach (var (key, value) in data)
        {
            var file = Path.Combine(root, folder, key);
            File.WriteAllText(file, value);
            written?.Invoke(file);
        }

        var swapping = Path.Combine(root, "..data_tmp");
        File.CreateSymbolicLink(swapping, folder);
        Rename(swapping, Path.Combine(root, "..data")); // rename(2): the one atomic step
        foreach (var name in Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith("..", StringComparison.Ordinal)).ToList())
        {
            if (!data.ContainsKey(name))
            {
                File.Delete(Path.Combine(root, name));
            }
        }

        foreach (var key in data.Keys.Where(k => new FileInfo(Path.Combine(root, k)).LinkTarget is null))
        {
            File.CreateSymbolicLink(Path.Combine(root, key), Path.Combine("..data", key));
        }

        if (current is not null)
        {
            Directory.Delete(Path.Combine(root, current), recursive: true);
        }

        current = folder;
    }
}

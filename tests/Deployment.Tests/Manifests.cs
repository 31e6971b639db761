using System.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// The rendered manifests of an overlay (`kubectl kustomize`), read as a cluster reads them: every object with its
/// kind and name, nothing copied out of them by hand. Nodes are YAML maps, lists and scalars.
/// </summary>
public sealed class Manifests(List<Dictionary<object, object>> objects)
{
    public IReadOnlyList<Dictionary<object, object>> Objects => objects;

    public static Manifests Render(string repository, string overlay)
    {
        var kustomize = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(repository, "deploy", "kubernetes", "overlays", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(kustomize)!;
        var yaml = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {error}");
        }

        return Parse(yaml);
    }

    public static Manifests Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var list = new List<Dictionary<object, object>>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            if (deserializer.Deserialize<Dictionary<object, object>>(parser) is { } document)
            {
                list.Add(document);
            }
        }

        return new Manifests(list);
    }

    public IEnumerable<Dictionary<object, object>> OfKind(string kind) => objects.Where(o => Str(o, "kind") == kind);

    public Dictionary<object, object> Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Name(o) == name) ?? throw new InvalidOperationException($"No {kind} {name} in the manifests.");

    public static string Name(Dictionary<object, object> o) => Str(Map(o, "metadata"), "name");

    public static Dictionary<object, object> Map(object? node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = current is Dictionary<object, object> m && m.TryGetValue(key, out var next) ? next : null;
        }

        return current as Dictionary<object, object> ?? [];
    }

    public static List<object> Seq(object? node, params string[] path)
    {
        var parent = path.Length == 0 ? null : Map(node, path[..^1]);
        var value = path.Length == 0 ? node : parent!.GetValueOrDefault(path[^1]);
        return value as List<object> ?? [];
    }

    public static string Str(object? node, string key, string fallback = "") =>
        node is Dictionary<object, object> m && m.TryGetValue(key, out var v) && v is not null ? v.ToString()! : fallback;

    public static int Int(object? node, string key, int fallback) =>
        int.TryParse(Str(node, key), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;

    /// <summary>Whether the labels of a pod template match a selector (matchLabels, or a Service's plain map).</summary>
    public static bool Matches(Dictionary<object, object> labels, Dictionary<object, object> selector) =>
        selector.Count > 0 && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && Equals(v?.ToString(), kv.Value?.ToString()));
}

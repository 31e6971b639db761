using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// Where in a catalog file a problem is: the line of the deepest node its path ("interventions[2].conditions.all[1].age")
/// reaches, so a person editing the file finds it. A path the file does not have (a field that is missing) gives the
/// line of the nearest part it does have. Pure.
/// </summary>
public static partial class CatalogFileLines
{
    [GeneratedRegex(@"([^.\[\]]+)|\[(\d+)\]")]
    private static partial Regex Segment();

    /// <summary>A finder for the file's lines; one that finds nothing when the file is not YAML.</summary>
    public static Func<string, int> Of(string content)
    {
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(content));
            root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode : null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            root = null;
        }

        return path => root is null || path.Length == 0 ? 0 : LineOf(root, path);
    }

    private static int LineOf(YamlNode root, string path)
    {
        var node = root;
        var line = (int)root.Start.Line;
        foreach (Match m in Segment().Matches(path))
        {
            YamlNode? next = null;
            if (m.Groups[2].Success && node is YamlSequenceNode seq && int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < seq.Children.Count)
            {
                next = seq.Children[i];
            }
            else if (m.Groups[1].Success && node is YamlMappingNode map)
            {
                // The contract's field names differ from the file's keys in a few places (attested_fact is "fact").
                var key = m.Groups[1].Value switch { "attested_fact" => "fact", "documentation_basis" => "documentation", "follow_up_mode" => "follow_up", var k => k };
                var entry = map.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key);
                if (entry.Key is not null)
                {
                    line = (int)entry.Key.Start.Line;
                    next = entry.Value;
                }
            }

            if (next is null)
            {
                break;
            }

            node = next;
            line = Math.Max(line, (int)next.Start.Line);
        }

        return line;
    }
}

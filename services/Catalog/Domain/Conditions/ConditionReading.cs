using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>Reads one condition tree of a catalog file: the shape every kind shares, the kind from its class.</summary>
public sealed class ConditionReading(ImportContext context)
{
    private int depth;

    public ImportContext Context => context;

    /// <summary>The condition written at <paramref name="yaml"/>; a problem names <paramref name="path"/>.</summary>
    public Condition Read(YamlNode yaml, string path)
    {
        var condition = new Condition();
        depth++;
        try
        {
            if (depth > InterventionRules.MaxConditionDepth)
            {
                // Also stops a YAML alias that refers back to its own ancestor.
                context.Error(path, $"Villkor får vara nästlade i högst {InterventionRules.MaxConditionDepth} nivåer.");
                return condition;
            }

            if (yaml is not YamlMappingNode map)
            {
                context.Error(path, "Ett villkor ska vara en mappning.");
                return condition;
            }

            var fields = new YamlMap(map, path + ".", context);
            condition.SourceText = fields.Str("source_text") ?? "";
            var keys = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).Where(k => k != "source_text").ToList();
            if (keys.Count != 1)
            {
                context.Error(path, $"Ett villkor ska ha exakt en typ ({ConditionKinds.KeyList}).");
                return condition;
            }

            var key = keys[0]!;
            if (ConditionKinds.ForKey(key) is { } kind)
            {
                kind.Read(condition, key, fields, this);
            }
            else
            {
                context.Error($"{path}.{key}", "Okänd villkorstyp.");
            }

            return condition;
        }
        finally
        {
            depth--;
        }
    }
}

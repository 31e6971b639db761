using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain;

/// <summary>A mapping with typed, path-reporting accessors.</summary>
public sealed class YamlMap(YamlMappingNode map, string path, ImportContext ctx)
{
    public string Path => path;

    public ImportContext Context => ctx;

    public YamlNode? Child(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public void Allow(params string[] keys)
    {
        foreach (var k in map.Children.Keys)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!keys.Contains(name))
            {
                ctx.Error(path + name, "Okänt fält.");
            }
        }
    }

    public string? Str(string key, bool required = false) =>
        Read<YamlScalarNode>(key, required, "Ska vara en text.") is { } s ? s.Value?.Trim() : null;

    public int? Int(string key, int min, int max, bool required = false)
    {
        var s = Str(key, required);
        if (s is null)
        {
            return null;
        }

        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            ctx.Error(path + key, $"Ska vara ett heltal {min}–{max}.");
            return null;
        }

        return v;
    }

    public bool? Bool(string key)
    {
        var s = Str(key);
        return s switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Fail(),
        };

        bool? Fail()
        {
            ctx.Error(path + key, "Ska vara true eller false.");
            return null;
        }
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var s = Str(key, required);
        if (s is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            ctx.Error(path + key, "Ska vara ett datum ÅÅÅÅ-MM-DD.");
            return null;
        }

        return d;
    }

    public TEnum Enum<TEnum>(string key, Dictionary<string, TEnum> words, bool required = false) where TEnum : struct, Enum
    {
        var s = Str(key, required);
        if (s is null)
        {
            return default;
        }

        if (!words.TryGetValue(s, out var v))
        {
            ctx.Error(path + key, $"Ska vara ett av: {string.Join(", ", words.Keys)}.");
        }

        return v;
    }

    public YamlMap? Map(string key, bool required = false) =>
        Read<YamlMappingNode>(key, required, "Ska vara en mappning.") is { } m ? new YamlMap(m, path + key + ".", ctx) : null;

    public IReadOnlyList<YamlNode>? Seq(string key, bool required = false) =>
        Read<YamlSequenceNode>(key, required, "Ska vara en lista.")?.Children.ToList();

    /// <summary>The value under a key as the node type it must be; a problem naming the key if it is missing (and required) or of another type.</summary>
    private TNode? Read<TNode>(string key, bool required, string wrongType) where TNode : YamlNode
    {
        switch (Child(key))
        {
            case null:
                if (required)
                {
                    ctx.Error(path + key, "Fältet krävs.");
                }

                return null;
            case TNode node:
                return node;
            default:
                ctx.Error(path + key, wrongType);
                return null;
        }
    }
}

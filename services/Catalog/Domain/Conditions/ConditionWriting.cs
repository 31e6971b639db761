using Socialtjanst.Catalog.V1;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>Writes one condition tree as a catalog file has it: the reverse of <see cref="ConditionReading"/>, kind by kind.</summary>
public sealed class ConditionWriting
{
    /// <summary>The condition as a mapping: its kind's key and value, and the guideline's words when it has them.</summary>
    public YamlNode Write(Condition condition)
    {
        var kind = ConditionKinds.For(condition.KindCase) ?? throw new ArgumentException("A condition without a kind cannot be written.", nameof(condition));
        var (key, value) = kind.Write(condition, this);
        var map = new YamlMappingNode { { key, value } };
        if (condition.SourceText.Length > 0)
        {
            map.Add("source_text", Text(condition.SourceText));
        }

        return map;
    }

    /// <summary>Free text, always quoted: it reads back as the same text whatever it looks like ("14:4", "2514", "ja").</summary>
    public static YamlScalarNode Text(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    /// <summary>A word, a number or a date the format defines: written as it is.</summary>
    public static YamlScalarNode Plain(object value) => new(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };
}

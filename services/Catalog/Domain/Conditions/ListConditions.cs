using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>all / any: every listed condition, or at least one of them.</summary>
public sealed class ListConditions() : ConditionKind([Condition.KindOneofCase.All, Condition.KindOneofCase.Any], ["all", "any"])
{
    public override void Read(Condition condition, string key, YamlMap fields, ConditionReading reading)
    {
        var list = new ConditionList();
        if (fields.Seq(key, required: true) is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                list.Conditions.Add(reading.Read(items[i], $"{fields.Path}{key}[{i}]"));
            }
        }

        if (key == "all")
        {
            condition.All = list;
        }
        else
        {
            condition.Any = list;
        }
    }

    public override (string Key, YamlNode Value) Write(Condition condition, ConditionWriting writing)
    {
        var (list, key) = condition.KindCase == Condition.KindOneofCase.All ? (condition.All, "all") : (condition.Any, "any");
        return (key, new YamlSequenceNode(list.Conditions.Select(writing.Write)));
    }

    public override void Check(Condition condition, string path, ConditionChecking checking)
    {
        var (list, name) = condition.KindCase == Condition.KindOneofCase.All ? (condition.All, "all") : (condition.Any, "any");
        if (list.Conditions.Count == 0)
        {
            checking.Add($"{path}.{name}", "Listan får inte vara tom.");
        }

        for (var i = 0; i < list.Conditions.Count; i++)
        {
            checking.Check(list.Conditions[i], $"{path}.{name}[{i}]");
        }
    }
}

using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>not: the inner condition must not hold.</summary>
public sealed class NotCondition() : ConditionKind([Condition.KindOneofCase.Not], ["not"])
{
    public override void Read(Condition condition, string key, YamlMap fields, ConditionReading reading) =>
        condition.Not = reading.Read(fields.Child(key)!, fields.Path + key);

    public override (string Key, YamlNode Value) Write(Condition condition, ConditionWriting writing) => ("not", writing.Write(condition.Not));

    public override void Check(Condition condition, string path, ConditionChecking checking) =>
        checking.Check(condition.Not, path + ".not");
}

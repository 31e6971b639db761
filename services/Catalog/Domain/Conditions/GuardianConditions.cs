using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>
/// guardian_consent: a vårdnadshavare has consented; guardian_informed: one has been informed — weaker
/// than consent (a finding says so). Neither has fields.
/// </summary>
public sealed class GuardianConditions() : ConditionKind([Condition.KindOneofCase.GuardianConsent, Condition.KindOneofCase.GuardianInformed], ["guardian_consent", "guardian_informed"])
{
    public override void Read(Condition condition, string key, YamlMap fields, ConditionReading reading)
    {
        if (key == "guardian_consent")
        {
            condition.GuardianConsent = new GuardianConsent();
        }
        else
        {
            condition.GuardianInformed = new GuardianInformed();
        }
    }

    public override (string Key, YamlNode Value) Write(Condition condition, ConditionWriting writing) =>
        (condition.KindCase == Condition.KindOneofCase.GuardianConsent ? "guardian_consent" : "guardian_informed", ConditionWriting.Plain("true"));

    public override void Check(Condition condition, string path, ConditionChecking checking)
    {
    }
}

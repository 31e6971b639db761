using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>registered / child_registered: the subject is folkbokförd in a kommun (its four-digit code).</summary>
public sealed class RegistrationCondition() : ConditionKind([Condition.KindOneofCase.Registered], ["registered", "child_registered"])
{
    public override void Read(Condition condition, string key, YamlMap fields, ConditionReading reading) =>
        condition.Registered = new Registration { Subject = SubjectOf(key), MunicipalityCode = fields.Str(key, required: true) ?? "" };

    public override (string Key, YamlNode Value) Write(Condition condition, ConditionWriting writing) =>
        (condition.Registered.Subject == Subject.Child ? "child_registered" : "registered", ConditionWriting.Text(condition.Registered.MunicipalityCode));

    public override void Check(Condition condition, string path, ConditionChecking checking)
    {
        checking.Subject(condition.Registered.Subject, path + ".registered.subject");
        checking.MunicipalityCode(condition.Registered.MunicipalityCode, path + ".registered.municipality_code");
    }
}

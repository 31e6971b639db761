using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>age / child_age: the subject's age in completed years, within a range (both ends included).</summary>
public sealed class AgeCondition() : ConditionKind([Condition.KindOneofCase.Age], ["age", "child_age"])
{
    private const int Oldest = 130;

    public override void Read(Condition condition, string key, YamlMap fields, ConditionReading reading)
    {
        var range = fields.Map(key, required: true);
        range?.Allow("min", "max");
        condition.Age = new AgeRange { Subject = SubjectOf(key) };
        if (range?.Int("min", 0, Oldest) is { } min)
        {
            condition.Age.MinYears = min;
        }

        if (range?.Int("max", 0, Oldest) is { } max)
        {
            condition.Age.MaxYears = max;
        }
    }

    public override (string Key, YamlNode Value) Write(Condition condition, ConditionWriting writing)
    {
        var range = new YamlMappingNode();
        if (condition.Age.HasMinYears)
        {
            range.Add("min", ConditionWriting.Plain(condition.Age.MinYears));
        }

        if (condition.Age.HasMaxYears)
        {
            range.Add("max", ConditionWriting.Plain(condition.Age.MaxYears));
        }

        return (condition.Age.Subject == Subject.Child ? "child_age" : "age", range);
    }

    public override void Check(Condition condition, string path, ConditionChecking checking)
    {
        var age = condition.Age;
        checking.Subject(age.Subject, path + ".age.subject");
        if (!age.HasMinYears && !age.HasMaxYears)
        {
            checking.Add(path + ".age", "Ange lägsta eller högsta ålder.");
        }

        if (age.HasMinYears && age.MinYears is < 0 or > Oldest)
        {
            checking.Add(path + ".age.min_years", "Åldern ska vara 0–130 år.");
        }

        if (age.HasMaxYears && age.MaxYears is < 0 or > Oldest)
        {
            checking.Add(path + ".age.max_years", "Åldern ska vara 0–130 år.");
        }

        if (age.HasMinYears && age.HasMaxYears && age.MinYears > age.MaxYears)
        {
            checking.Add(path + ".age", "Lägsta ålder är högre än högsta.");
        }
    }
}

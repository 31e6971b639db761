using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>school_enrolment / child_school_enrolment: enrolled in a school of a kommun; the forms in the guideline's words.</summary>
public sealed class SchoolEnrolmentCondition() : ConditionKind([Condition.KindOneofCase.SchoolEnrolment], ["school_enrolment", "child_school_enrolment"])
{
    public override void Read(Condition condition, string key, YamlMap fields, ConditionReading reading)
    {
        var school = fields.Map(key, required: true);
        school?.Allow("municipality", "forms");
        condition.SchoolEnrolment = new SchoolEnrolment
        {
            Subject = SubjectOf(key),
            MunicipalityCode = school?.Str("municipality", required: true) ?? "",
            SchoolForms = school?.Str("forms") ?? "",
        };
    }

    public override (string Key, YamlNode Value) Write(Condition condition, ConditionWriting writing)
    {
        var school = new YamlMappingNode { { "municipality", ConditionWriting.Text(condition.SchoolEnrolment.MunicipalityCode) } };
        if (condition.SchoolEnrolment.SchoolForms.Length > 0)
        {
            school.Add("forms", ConditionWriting.Text(condition.SchoolEnrolment.SchoolForms));
        }

        return (condition.SchoolEnrolment.Subject == Subject.Child ? "child_school_enrolment" : "school_enrolment", school);
    }

    public override void Check(Condition condition, string path, ConditionChecking checking)
    {
        checking.Subject(condition.SchoolEnrolment.Subject, path + ".school_enrolment.subject");
        checking.MunicipalityCode(condition.SchoolEnrolment.MunicipalityCode, path + ".school_enrolment.municipality_code");
    }
}

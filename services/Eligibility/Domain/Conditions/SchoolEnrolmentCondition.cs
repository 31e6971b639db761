using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>school_enrolment: goes to school in the named kommun; asks for the school's kommunkod when it is missing.</summary>
public sealed class SchoolEnrolmentCondition() : ConditionKind(Condition.KindOneofCase.SchoolEnrolment)
{
    public override ConditionNode Build(Condition condition, ConditionBuilding building)
    {
        var enrolment = condition.SchoolEnrolment;
        var child = building.Reads(enrolment.Subject, UncertainFact.School, UncertainFact.ChildSchool);
        var forms = enrolment.SchoolForms.Length > 0 ? $" ({enrolment.SchoolForms})" : "";
        var where = building.Kommun(enrolment.MunicipalityCode);
        return new Node(child ? $"Barnet går i skola{forms} i {where}" : $"Går i skola{forms} i {where}", building.Source, child, enrolment.MunicipalityCode);
    }

    private sealed record Node(string Description, string Source, bool Child, string Code) : ConditionNode(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var school = (Child ? facts.Child : facts.Person).SchoolMunicipality;
            return school is null
                ? Missing(Child ? "facts.child.school_municipality_code" : "facts.school_municipality_code")
                : Known(school == Code);
        }
    }
}

using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>age: the person's (or child's) age in completed years within the range; asks for the age when it is missing.</summary>
public sealed class AgeCondition() : ConditionKind(Condition.KindOneofCase.Age)
{
    public override ConditionNode Build(Condition condition, ConditionBuilding building)
    {
        var range = condition.Age;
        var child = building.Reads(range.Subject, UncertainFact.Age, UncertainFact.ChildAge);
        return new Node(Text(range, child), building.Source, child, range.HasMinYears ? range.MinYears : null, range.HasMaxYears ? range.MaxYears : null);
    }

    private static string Text(AgeRange r, bool child)
    {
        var who = child ? "Barnets ålder" : "Ålder";
        return (r.HasMinYears, r.HasMaxYears) switch
        {
            (true, true) => $"{who} {r.MinYears}–{r.MaxYears} år",
            (true, false) => $"{who} från {r.MinYears} år",
            _ => $"{who} högst {r.MaxYears} år",
        };
    }

    private sealed record Node(string Description, string Source, bool Child, int? Min, int? Max) : ConditionNode(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var age = (Child ? facts.Child : facts.Person).Age;
            return age is { } a ? Known((Min is null || a >= Min) && (Max is null || a <= Max)) : Missing(Child ? "facts.child.age" : "facts.age");
        }

        public override string Explain(ConditionStatus status) => status switch
        {
            ConditionStatus.Met => Child ? "Barnets ålder uppfyller villkoret." : "Åldern uppfyller villkoret.",
            ConditionStatus.NotMet => Child ? "Barnets ålder uppfyller inte villkoret." : "Åldern uppfyller inte villkoret.",
            _ => Child ? "Barnets ålder är inte angiven." : "Ålder är inte angiven.",
        };
    }
}

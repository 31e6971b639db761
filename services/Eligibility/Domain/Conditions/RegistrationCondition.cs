using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>registered: folkbokförd in the named kommun; asks for the kommunkod when it is missing.</summary>
public sealed class RegistrationCondition() : ConditionKind(Condition.KindOneofCase.Registered)
{
    public override ConditionNode Build(Condition condition, ConditionBuilding building)
    {
        var child = building.Reads(condition.Registered.Subject, UncertainFact.Registration, UncertainFact.ChildRegistration);
        var where = building.Kommun(condition.Registered.MunicipalityCode);
        return new Node(child ? $"Barnet är folkbokfört i {where}" : $"Folkbokförd i {where}", building.Source, child, condition.Registered.MunicipalityCode);
    }

    private sealed record Node(string Description, string Source, bool Child, string Code) : ConditionNode(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var registered = (Child ? facts.Child : facts.Person).RegisteredMunicipality;
            return registered is null
                ? Missing(Child ? "facts.child.registered_municipality_code" : "facts.registered_municipality_code")
                : Known(registered == Code);
        }

        public override string Explain(ConditionStatus status) => status switch
        {
            ConditionStatus.Met => "Folkbokföringen uppfyller villkoret.",
            ConditionStatus.NotMet => "Folkbokföringen uppfyller inte villkoret.",
            _ => "Det är inte angivet var folkbokföringen finns.",
        };
    }
}

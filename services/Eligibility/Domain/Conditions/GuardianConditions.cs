using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>
/// guardian_consent / guardian_informed: the vårdnadshavare has consented / been informed; asked for
/// when not stated. The statute's consent floor for children applies beside either.
/// </summary>
public sealed class GuardianConditions() : ConditionKind(Condition.KindOneofCase.GuardianConsent, Condition.KindOneofCase.GuardianInformed)
{
    public override ConditionNode Build(Condition condition, ConditionBuilding building)
    {
        building.Uses.Add(UncertainFact.Guardian);
        var consent = condition.KindCase == Condition.KindOneofCase.GuardianConsent;
        return new Node(consent ? "Vårdnadshavarens samtycke" : "Vårdnadshavaren har informerats", building.Source, consent);
    }

    private sealed record Node(string Description, string Source, bool Consent) : ConditionNode(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var value = Consent ? facts.GuardianConsent : facts.GuardianInformed;
            return value is { } v ? Known(v) : Missing(Consent ? "facts.guardian_consent" : "facts.guardian_informed");
        }
    }
}

using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>fact: met when the caller attests the fact, not met when it denies it, asked for otherwise.</summary>
public sealed class AttestedFactCondition() : ConditionKind(Condition.KindOneofCase.AttestedFact)
{
    public override ConditionNode Build(Condition condition, ConditionBuilding building)
    {
        building.FactCodes.Add(condition.AttestedFact.Code);
        building.Facts.TryAdd(condition.AttestedFact.Code, condition.AttestedFact);
        return new Node(condition.AttestedFact.Description, building.Source, condition.AttestedFact.Code);
    }

    private sealed record Node(string Description, string Source, string Code) : ConditionNode(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts) =>
            facts.AttestedFacts.Contains(Code) ? Known(true)
            : facts.DeniedFacts.Contains(Code) ? Known(false)
            : Missing($"facts.attested_facts:{Code}");
    }
}

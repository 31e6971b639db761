using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>not: met when the inner condition is not met; unknown stays unknown.</summary>
public sealed class NotCondition() : ConditionKind(Condition.KindOneofCase.Not)
{
    public override ConditionNode Build(Condition condition, ConditionBuilding building)
    {
        var inner = building.Build(condition.Not);
        return new Node($"inte: {inner.Description}", building.Source, inner);
    }

    private sealed record Node(string Description, string Source, ConditionNode Inner) : ConditionNode(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var (s, m) = Inner.Evaluate(facts);
            return s switch
            {
                ConditionStatus.Met => (ConditionStatus.NotMet, []),
                ConditionStatus.NotMet => (ConditionStatus.Met, []),
                _ => (s, m),
            };
        }
    }
}

using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>all / any: met when every (at least one) listed condition is; unknown facts are asked for only when they can decide.</summary>
public sealed class ListConditions() : ConditionKind(Condition.KindOneofCase.All, Condition.KindOneofCase.Any)
{
    public override ConditionNode Build(Condition condition, ConditionBuilding building)
    {
        var isAll = condition.KindCase == Condition.KindOneofCase.All;
        var children = (isAll ? condition.All : condition.Any).Conditions.Select(building.Build).ToArray();
        var text = string.Join(isAll ? " och " : " eller ", children.Select((x, n) => n == 0 ? x.Description : char.ToLowerInvariant(x.Description[0]) + x.Description[1..]));
        return new Node(text, building.Source, children, isAll);
    }

    private sealed record Node(string Description, string Source, ConditionNode[] Children, bool IsAll) : ConditionNode(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var status = IsAll ? ConditionStatus.Met : ConditionStatus.NotMet;
            List<string>? missing = null;
            foreach (var child in Children)
            {
                var (s, m) = child.Evaluate(facts);
                status = IsAll ? And(status, s) : Or(status, s);
                if (s == ConditionStatus.Unknown)
                {
                    (missing ??= []).AddRange(m);
                }
            }

            return (status, status == ConditionStatus.Unknown && missing is not null ? missing : []);
        }
    }
}

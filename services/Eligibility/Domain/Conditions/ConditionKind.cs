using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>
/// How Eligibility decides one kind of condition. A new kind is a new subclass in this folder (found by
/// <see cref="ConditionKinds"/>), beside its field in the <c>Condition</c> message and the Catalog's
/// class that reads and checks it (services/Catalog/Domain/Conditions).
/// </summary>
public abstract class ConditionKind(params Condition.KindOneofCase[] cases)
{
    /// <summary>The <c>Condition.kind</c> cases this class decides.</summary>
    public IReadOnlyList<Condition.KindOneofCase> Cases { get; } = cases;

    /// <summary>The condition prepared for evaluation; the facts it reads go to <paramref name="building"/>.</summary>
    public abstract ConditionNode Build(Condition condition, ConditionBuilding building);
}

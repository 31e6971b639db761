using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Domain.Conditions;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Domain;

/// <summary>
/// Every kind the contract's <c>Condition</c> has is decided by exactly one class in
/// Domain/Conditions: a kind added to the proto without one fails here, not at a resident's check.
/// </summary>
public sealed class ConditionKindTests
{
    [Fact]
    public void EveryContractKind_IsDecidedByAClass()
    {
        var undecided = Enum.GetValues<Condition.KindOneofCase>().Where(k => k != Condition.KindOneofCase.None && ConditionKinds.For(k) is null);
        Assert.Empty(undecided);
        Assert.Equal(Enum.GetValues<Condition.KindOneofCase>().Length - 1, ConditionKinds.Decided.Count);
    }

    [Fact]
    public void AConditionWithoutAKind_IsUnknown_NeverMet()
    {
        var iv = new Intervention
        {
            Name = "municipalities/9999/interventions/x",
            Access = Access.Direct,
            Conditions = new Condition { SourceText = "ett villkor utan typ" },
        };
        var facts = PersonFacts.Of(new SubjectFacts(40, "9999", "9999"), attested: new HashSet<string> { "" });
        var decision = EligibilityEvaluator.Evaluate(iv, facts, new DateOnly(2025, 9, 1), "Exempelkommun");
        Assert.NotEqual(Outcome.Eligible, decision.Outcome);
        Assert.Contains(decision.Conditions, c => c.Status != ConditionStatus.Met);
    }
}

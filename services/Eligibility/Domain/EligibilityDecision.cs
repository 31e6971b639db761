using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>The answer to one check.</summary>
public sealed record EligibilityDecision(Outcome Outcome, string Explanation, IReadOnlyList<ConditionOutcome> Conditions, IReadOnlyList<string> MissingFacts)
{
    /// <summary>Can this condition change the outcome? An unknown one cannot when another is already not met.</summary>
    public bool AffectsOutcome(ConditionOutcome condition) => !(condition.Status == ConditionStatus.Unknown && Outcome == Outcome.NotEligible);
}

using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>One condition of an answer: what it is, how the facts fare, why, and where it comes from.</summary>
public sealed record ConditionOutcome(string Description, ConditionStatus Status, string Explanation, string Source, IReadOnlyList<string> MissingFacts);

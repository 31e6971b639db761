using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>One condition of a logged answer: what it was, its result and its source (never the explanation, which may repeat an age).</summary>
public sealed record ConditionRecord(string Description, ConditionStatus Status, string Source, bool AffectsOutcome);

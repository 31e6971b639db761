namespace Socialtjanst.Eligibility.Storage;

/// <summary>What one kommun's answers share: the conditions' descriptions and sources (in order), once; each answer keeps only its results.</summary>
internal sealed record ConditionSet(string Code, string Id, string Json);

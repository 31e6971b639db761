namespace Socialtjanst.Documentation.Domain;

/// <summary>A reviewed text: what was found in it and the copy with every violating identifier replaced whole.</summary>
public sealed record ReviewedText(string Field, IReadOnlyList<ReviewFinding> Findings, string Redacted);

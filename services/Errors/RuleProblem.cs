namespace Socialtjanst.Errors;

/// <summary>A legal rule a request breaks, citing the paragraph.</summary>
public sealed record RuleProblem(string Paragraph, string Subject, string Description);

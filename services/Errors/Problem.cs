namespace Socialtjanst.Errors;

/// <summary>
/// A refusal the domain or a request check decided on: its kind, a message for the caller, the fields
/// and the paragraphs it concerns. Messages name fields and paragraphs, never values: a request may carry
/// personal data and a message ends up in logs.
/// </summary>
public sealed class Problem(ProblemKind kind, string message, IReadOnlyList<FieldProblem>? fields = null, IReadOnlyList<RuleProblem>? rules = null)
    : Exception(message)
{
    public ProblemKind Kind { get; } = kind;

    public IReadOnlyList<FieldProblem> Fields { get; } = fields ?? [];

    public IReadOnlyList<RuleProblem> Rules { get; } = rules ?? [];
}

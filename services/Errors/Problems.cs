namespace Socialtjanst.Errors;

/// <summary>The refusals the services give, built in one place so each kind reads the same everywhere.</summary>
public static class Problems
{
    public static Problem InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldProblem(field, description)]);

    public static Problem InvalidArgument(IReadOnlyCollection<FieldProblem> problems)
    {
        var fields = string.Join(", ", problems.Select(p => p.Field).Distinct());
        return new Problem(ProblemKind.InvalidArgument, $"Ogiltiga fält: {fields}.", [.. problems]);
    }

    public static Problem FailedPrecondition(IReadOnlyCollection<RuleProblem> problems, IReadOnlyCollection<FieldProblem>? fields = null)
    {
        var first = problems.First();
        var more = problems.Count > 1 ? $" (och {problems.Count - 1} till)" : "";
        var message = first.Paragraph.Length > 0
            ? $"{first.Description.TrimEnd('.')} ({first.Paragraph}){more}."
            : $"{first.Description.TrimEnd('.')}{more}.";
        return new Problem(ProblemKind.FailedPrecondition, message, fields is null ? null : [.. fields], [.. problems]);
    }

    public static Problem NotFound(string what) => new(ProblemKind.NotFound, $"{what} finns inte.");

    public static Problem PermissionDenied(string why) => new(ProblemKind.PermissionDenied, why);

    public static Problem Unauthenticated(string why) => new(ProblemKind.Unauthenticated, why);

    public static Problem AlreadyExists(string what) => new(ProblemKind.AlreadyExists, what);

    public static Problem Aborted(string why) => new(ProblemKind.Aborted, why);

    public static Problem Unavailable(string why) => new(ProblemKind.Unavailable, why);

    /// <summary>The kommun's catalog copy has not arrived yet: the one Unavailable every consumer gives.</summary>
    public static Problem CatalogNotReceived() => Unavailable("Kommunens katalog har ännu inte tagits emot.");
}

namespace Socialtjanst.Errors;

/// <summary>A field that is wrong, named by its path in the request. Never carries the value.</summary>
public sealed record FieldProblem(string Field, string Description);

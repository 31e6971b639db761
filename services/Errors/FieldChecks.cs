namespace Socialtjanst.Errors;

/// <summary>
/// Collects what is wrong with a request's fields so one answer names them all (AIP-193 BadRequest).
/// </summary>
public sealed class FieldChecks
{
    // Made on the first problem: a request without any (the hot path) allocates no list.
    private List<FieldProblem>? problems;

    public int Count => problems?.Count ?? 0;

    public FieldChecks Add(string field, string description)
    {
        (problems ??= []).Add(new FieldProblem(field, description));
        return this;
    }

    /// <summary>Adds the problem when the condition holds.</summary>
    public FieldChecks When(bool wrong, string field, string description) => wrong ? Add(field, description) : this;

    /// <summary>Runs a check that may throw a field problem, and keeps its problems instead.</summary>
    public T? Try<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Problem p) when (p.Kind == ProblemKind.InvalidArgument)
        {
            (problems ??= []).AddRange(p.Fields);
            return default;
        }
    }

    /// <summary>A request_id (AIP-155): a UUID, or, when optional, nothing.</summary>
    public FieldChecks RequestId(string value, bool optional = false, string field = "request_id") =>
        When(!(optional && value.Length == 0) && !Guid.TryParse(value, out _), field, "Ett UUID krävs.");

    public FieldChecks Required(object? value, string field) => When(value is null, field, "Fältet krävs.");

    /// <summary>An enum value the contract defines (and not its zero value when that is required).</summary>
    public FieldChecks Known<TEnum>(TEnum value, string field, bool allowUnspecified = true)
        where TEnum : struct, Enum =>
        When(!Enum.IsDefined(value) || (!allowUnspecified && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0), field, "Okänt värde.");

    /// <summary>Throws INVALID_ARGUMENT naming every field collected, if any.</summary>
    public void ThrowIfAny()
    {
        if (problems is { Count: > 0 })
        {
            throw Problems.InvalidArgument(problems);
        }
    }
}

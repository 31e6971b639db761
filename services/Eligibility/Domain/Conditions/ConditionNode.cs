using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>
/// One condition of an insats, prepared once per catalog version: its text, its source, and how the
/// facts decide it, three-valued (met, not met, unknown) so a missing fact is asked for, never guessed.
/// </summary>
public abstract record ConditionNode(string Description, string Source)
{
    private readonly ConditionOutcome?[] known = new ConditionOutcome?[3];

    public abstract (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts);

    /// <summary>The outcome for a status; met and not met are made once per node, as they carry no missing facts.</summary>
    public ConditionOutcome Outcome(ConditionStatus status, IReadOnlyList<string> missing) =>
        status == ConditionStatus.Unknown
            ? new ConditionOutcome(Description, status, Explain(status), Source, missing)
            : known[(int)status] ??= new ConditionOutcome(Description, status, Explain(status), Source, []);

    public virtual string Explain(ConditionStatus status) => status switch
    {
        ConditionStatus.Met => "Villkoret är uppfyllt.",
        ConditionStatus.NotMet => "Villkoret är inte uppfyllt.",
        _ => "Uppgifter saknas för att pröva villkoret.",
    };

    public static ConditionStatus And(ConditionStatus a, ConditionStatus b) =>
        a == ConditionStatus.NotMet || b == ConditionStatus.NotMet ? ConditionStatus.NotMet
        : a == ConditionStatus.Unknown || b == ConditionStatus.Unknown ? ConditionStatus.Unknown
        : ConditionStatus.Met;

    public static ConditionStatus Or(ConditionStatus a, ConditionStatus b) =>
        a == ConditionStatus.Met || b == ConditionStatus.Met ? ConditionStatus.Met
        : a == ConditionStatus.Unknown || b == ConditionStatus.Unknown ? ConditionStatus.Unknown
        : ConditionStatus.NotMet;

    protected static (ConditionStatus, IReadOnlyList<string>) Known(bool met) => (met ? ConditionStatus.Met : ConditionStatus.NotMet, []);

    protected static (ConditionStatus, IReadOnlyList<string>) Missing(string field) => (ConditionStatus.Unknown, [field]);
}

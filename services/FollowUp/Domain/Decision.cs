namespace Socialtjanst.FollowUp.Domain;

/// <summary>An interruption of execution, and when (if) it was resumed.</summary>
public sealed record Interruption(DateOnly From, DateOnly? ResumedOn);

/// <summary>
/// A needs-assessed decision as FollowUp sees it: a pseudonymous case reference, never a
/// personnummer, and the dated events of its life.
/// </summary>
public sealed record Decision(
    string CaseReference,
    DateOnly DecisionDate,
    bool ExtensiveChangingNeeds,
    DateOnly? ExecutionStarted,
    IReadOnlyList<Interruption> Interruptions,
    IReadOnlyList<DateOnly> FollowUps,
    IReadOnlyList<DateOnly> ChangedCircumstances,
    DateOnly? ClosedOn);

/// <summary>A kommun's follow-up rules for one period (from its catalog), both days included.</summary>
public sealed record FollowUpRules(
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    int IntervalMonths,
    int ExtensiveFirstMonths,
    int ExtensiveIntervalMonths,
    int ExecutionLimitMonths)
{
    public bool InForce(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}

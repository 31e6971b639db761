namespace Socialtjanst.FollowUp.Domain;

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

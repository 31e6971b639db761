namespace Socialtjanst.FollowUp.Domain;

/// <summary>A kommun's follow-up rules for one period (from its catalog), both days included.</summary>
public sealed record FollowUpRules(
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    int IntervalMonths,
    int ExtensiveFirstMonths,
    int ExtensiveIntervalMonths,
    int ExecutionLimitMonths)
{
    public bool InForce(DateOnly day) => Law.Validity.InForceOn(day, ValidFrom, ValidTo);
}

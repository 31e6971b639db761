namespace Socialtjanst.FollowUp.Domain;

/// <summary>
/// Follow-up schedules and execution limits. Pure. Months are calendar months with the day
/// clamped to the month's end (31 August + 6 months = 28 February). The rules that decide a due
/// date are the rules in force on the day it falls due: a decision made under Kalix's old yearly
/// rule whose follow-up would fall after 1 July 2025 is due on the new 6-month rule instead.
/// </summary>
public static class Schedule
{
    public static DateOnly AddMonths(DateOnly day, int months) => day.AddMonths(months);

    /// <summary>The next follow-up, or null when the decision is closed or no rule sets one.</summary>
    public static FollowUpDue? NextFollowUp(Decision decision, IReadOnlyList<FollowUpRules> rules)
    {
        if (decision.ClosedOn is not null)
        {
            return null;
        }

        var last = decision.FollowUps.Count == 0 ? (DateOnly?)null : decision.FollowUps.Max();
        var changed = decision.ChangedCircumstances.Where(c => last is null || c > last).DefaultIfEmpty().Max();
        if (changed != default)
        {
            return new FollowUpDue(changed, DueReason.ChangedCircumstances);
        }

        var from = last ?? decision.DecisionDate;
        var first = last is null && decision.ExtensiveChangingNeeds;
        FollowUpDue? best = null;
        foreach (var r in rules.OrderBy(r => r.ValidFrom))
        {
            if (r.ValidTo is { } to && to < from)
            {
                continue;
            }

            var months = first ? r.ExtensiveFirstMonths
                : decision.ExtensiveChangingNeeds ? ExtensiveInterval(r)
                : r.IntervalMonths;
            if (months <= 0)
            {
                continue;
            }

            var due = AddMonths(from, months);
            if (due < r.ValidFrom)
            {
                due = r.ValidFrom;
            }

            if (r.InForce(due) && (best is null || due < best.Due))
            {
                best = new FollowUpDue(due, first ? DueReason.ExtensiveFirst : DueReason.Interval);
            }
        }

        return best;
    }

    /// <summary>
    /// The interval after the first follow-up for extensive, changing needs. Interpretation (Kalix, "Uppföljning": "Alla
    /// biståndsbedömda insatser ska följas upp var sjätte månad", and for extensive needs "därefter årligen"): the interval
    /// the guideline sets for all is a floor; a longer one for some is not read as lowering it. The shorter applies until
    /// the nämnd decides; the catalog's validation says so (RulesFindings, extensive-needs-interval-longer-than-all).
    /// </summary>
    public static int ExtensiveInterval(FollowUpRules r) =>
        r.IntervalMonths > 0 && r.ExtensiveIntervalMonths > r.IntervalMonths ? r.IntervalMonths : r.ExtensiveIntervalMonths;

    /// <summary>The day by which a decision must have been executed (34 kap. 5 § SoL), by the rules in force on the decision date.</summary>
    public static DateOnly? ExecutionDeadline(Decision decision, IReadOnlyList<FollowUpRules> rules) =>
        rules.FirstOrDefault(r => r.InForce(decision.DecisionDate)) is { ExecutionLimitMonths: > 0 } r
            ? AddMonths(decision.DecisionDate, r.ExecutionLimitMonths)
            : null;

    /// <summary>True when, as of a day, the decision has passed its deadline without being executed by it.</summary>
    public static bool NotExecutedInTime(Decision decision, IReadOnlyList<FollowUpRules> rules, DateOnly asOf) =>
        ExecutionDeadline(decision, rules) is { } deadline
        && deadline < asOf
        && (decision.ClosedOn is null || decision.ClosedOn > deadline)
        && (decision.ExecutionStarted is null || decision.ExecutionStarted > deadline);

    /// <summary>The interruptions that, as of a day, were not resumed within the limit (34 kap. 6 § SoL).</summary>
    public static IEnumerable<Interruption> InterruptedTooLong(Decision decision, IReadOnlyList<FollowUpRules> rules, DateOnly asOf) =>
        decision.Interruptions.Where(i =>
            rules.FirstOrDefault(r => r.InForce(i.From)) is { ExecutionLimitMonths: > 0 } r
            && AddMonths(i.From, r.ExecutionLimitMonths) is var deadline
            && deadline < asOf
            && (decision.ClosedOn is null || decision.ClosedOn > deadline)
            && (i.ResumedOn is null || i.ResumedOn > deadline));

    /// <summary>Where the kommun sets no interval, activity-level follow-up is yearly.</summary>
    public const int DefaultActivityIntervalMonths = 12;

    /// <summary>
    /// The activity-level follow-up days of a direct-access insats in [from, to]: every interval
    /// from its first day in force, while it is in force, on the interval of the rules in force then.
    /// </summary>
    public static IEnumerable<(DateOnly Due, int IntervalMonths)> ActivityFollowUps(DateOnly validFrom, DateOnly? validTo, IReadOnlyList<FollowUpRules> rules, DateOnly from, DateOnly to)
    {
        var day = validFrom;
        for (var guard = 0; guard < 1200; guard++)
        {
            var r = rules.FirstOrDefault(x => x.InForce(day));
            var months = r is { IntervalMonths: > 0 } ? r.IntervalMonths : DefaultActivityIntervalMonths;
            day = AddMonths(day, months);
            if (day > to || (validTo is { } end && day > end))
            {
                yield break;
            }

            if (day >= from)
            {
                yield return (day, months);
            }
        }
    }
}

namespace Socialtjanst.Law;

/// <summary>
/// Which act is in force on a day, and the paragraph each rule has in it, as the seeds cite them:
/// SoL (2025:400) from 1 July 2025 (prop. 2024/25:89), and the repealed SoL (2001:453) before.
/// A rule the old act did not have (the direct-access insats of 11 kap. 5 §, the documentation
/// exemptions of 14 kap. 4–5 §§) has no provision before 1 July 2025: <see cref="Cite"/> answers
/// null, and an answer then says that the rule did not exist on that day.
/// </summary>
public static class Statute
{
    public static readonly Act SoL2001 = new("SoL", "2001:453", new DateOnly(2002, 1, 1), new DateOnly(2025, 6, 30));

    public static readonly Act SoL2025 = new("SoL", "2025:400", new DateOnly(2025, 7, 1), null);

    /// <summary>The day the new act entered into force.</summary>
    public static DateOnly NewActInForce => SoL2025.InForceFrom;

    private static readonly string[] Months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    /// <summary>A day as answers write it: "1 juli 2025".</summary>
    public static string InWords(DateOnly day) => $"{day.Day} {Months[day.Month - 1]} {day.Year}";

    /// <summary>The Social Services Act in force on a day (the old act also for days before 2002: the suite knows no earlier one).</summary>
    public static Act ActOn(DateOnly day) => day >= NewActInForce ? SoL2025 : SoL2001;

    // Old act: as seed 001 (Kalix riktlinje, SoL 2001:453) cites it: documentation 11 kap. 5 och 6 §§ (avsnitt 11),
    // right to apply 4 kap. 1 § (avsnitt 2), information 3 kap. 1 § (avsnitt 3), a child of 15 and the guardian
    // 3 kap. 6 a § andra stycket (avsnitt 19.2), decisions not executed 16 kap. 6 a–i §§ (avsnitt 15).
    private static readonly Dictionary<Rule, string> Old = new()
    {
        [Rule.RightToApply] = "4 kap. 1 §",
        [Rule.InformationDuty] = "3 kap. 1 §",
        [Rule.ChildConsent] = "3 kap. 6 a § andra stycket",
        [Rule.Documentation] = "11 kap. 5 och 6 §§",
        [Rule.ExecutionDelay] = "16 kap. 6 a–i §§",
        [Rule.InterruptedExecution] = "16 kap. 6 a–i §§",
    };

    // New act: as DOMAIN's sources (seeds 000, 002, 003) cite it.
    private static readonly Dictionary<Rule, string> New = new()
    {
        [Rule.RightToApply] = "11 kap. 1 §",
        [Rule.DirectAccess] = "11 kap. 5 §",
        [Rule.InformationDuty] = "11 kap. 6 §",
        [Rule.ChildConsent] = "21 kap. 2 §",
        [Rule.Documentation] = "14 kap. 3 §",
        [Rule.CounsellingExemption] = "14 kap. 4 §",
        [Rule.IdentityExemption] = "14 kap. 5 §",
        [Rule.ExecutionDelay] = "34 kap. 5 §",
        [Rule.InterruptedExecution] = "34 kap. 6 §",
    };

    /// <summary>The provision for a rule in the act in force on a day, or null when that act had no such rule.</summary>
    public static Provision? Cite(Rule rule, DateOnly day)
    {
        var act = ActOn(day);
        var table = act == SoL2025 ? New : Old;
        return table.TryGetValue(rule, out var paragraph) ? new Provision(act, paragraph) : null;
    }

    /// <summary>The citation for a rule on a day, or the act in force alone when it had no paragraph for the rule.</summary>
    public static string CitationOn(Rule rule, DateOnly day) => Cite(rule, day)?.Citation ?? ActOn(day).Citation;
}

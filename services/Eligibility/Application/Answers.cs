using System.Runtime.CompilerServices;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// The parts of an answer that explain it: each condition's result with its source, and the
/// information about the right to apply (11 kap. 6 § SoL (2025:400); 4 kap. 1 § in the old act).
/// </summary>
public static class Answers
{
    // Answers share the messages that only depend on the catalog version; they are never changed
    // after they are made, so concurrent answers can serialize them safely.
    private static readonly ConditionalWeakTable<ConditionOutcome, ConditionResult> Results = new();
    private static readonly ConditionalWeakTable<MunicipalityRules, InformationDuty[]> Informations = new();
    private static readonly InformationDuty[] Fallback = InformationFor(null);

    public static ConditionResult ResultOf(ConditionOutcome c) =>
        c.Status == ConditionStatus.Unknown ? Build(c) // carries the facts that are missing this time
        : Results.TryGetValue(c, out var cached) ? cached : Results.GetValue(c, Build);

    private static ConditionResult Build(ConditionOutcome c)
    {
        var result = new ConditionResult { Description = c.Description, Status = c.Status, Explanation = c.Explanation, Source = c.Source, AffectsOutcome = true };
        result.MissingFacts.AddRange(c.MissingFacts);
        return result;
    }

    /// <summary>An unknown condition that cannot change a "not eligible": said so, and no fact asked for.</summary>
    public static ConditionResult Moot(ConditionOutcome c) =>
        new() { Description = c.Description, Status = c.Status, Explanation = c.Explanation + " Det påverkar inte svaret, eftersom ett annat villkor inte är uppfyllt.", Source = c.Source, AffectsOutcome = false };

    /// <summary>Where to turn for an insats: its own contact when the catalog gives one, else the kommun's (null when neither).</summary>
    public static Type.V1.Contact? ContactFor(Intervention iv, MunicipalityRules? rules) => iv.Contact ?? rules?.Contact;

    public static InformationDuty Information(MunicipalityRules? rules, DateOnly asOf)
    {
        var pair = rules is null ? Fallback : Informations.TryGetValue(rules, out var cached) ? cached : Informations.GetValue(rules, InformationFor);
        return pair[asOf >= Law.Statute.NewActInForce ? 0 : 1];
    }

    private static InformationDuty[] InformationFor(MunicipalityRules? rules)
    {
        var text = rules?.InformationText ?? "Du har alltid rätt att ansöka om insatser hos socialnämnden.";
        // The old act had no information duty of its own: the text is about the right to apply, so it cites that paragraph.
        return
        [
            new InformationDuty { Text = text, Paragraph = Law.Statute.CitationOn(Law.Rule.InformationDuty, Law.Statute.NewActInForce) },
            new InformationDuty { Text = text, Paragraph = Law.Statute.CitationOn(Law.Rule.RightToApply, Law.Statute.NewActInForce.AddDays(-1)) },
        ];
    }
}

using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Application;

/// <summary>An answer as the decision log keeps it: the answer's own results and sources, the facts as a profile without identifiers.</summary>
public static class DecisionRecords
{
    public static DecisionLogEntry Of(string municipalityCode, CheckEligibilityResponse answer, PersonFacts facts, DateOnly asOf, DateTimeOffset decidedAt) => new(
        municipalityCode,
        answer.DecisionId,
        decidedAt,
        asOf,
        answer.Intervention[(answer.Intervention.LastIndexOf('/') + 1)..],
        answer.CatalogRevision,
        answer.Outcome,
        Conditions(answer),
        FactProfile.Of(facts));

    // Made by index into an array of the right length (no iterator or enumerator per answer).
    private static ConditionRecord[] Conditions(CheckEligibilityResponse answer)
    {
        if (answer.Conditions.Count == 0)
        {
            return [];
        }

        var records = new ConditionRecord[answer.Conditions.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var c = answer.Conditions[i];
            records[i] = new ConditionRecord(c.Description, c.Status, c.Source, c.AffectsOutcome);
        }

        return records;
    }
}

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
        answer.Conditions.Count == 0 ? [] : answer.Conditions.Select(c => new ConditionRecord(c.Description, c.Status, c.Source, c.AffectsOutcome)).ToArray(),
        FactProfile.Of(facts));
}

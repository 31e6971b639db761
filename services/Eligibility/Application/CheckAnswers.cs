using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Application;

/// <summary>The answer of a check of an insats in force: the evaluator's decision with each condition's result and source, the questions still to ask, and the information duty.</summary>
public static class CheckAnswers
{
    public static CheckEligibilityResponse Answer(string municipalityCode, Intervention iv, PersonFacts facts, DateOnly asOf, MunicipalityRules? rules, long revision, bool mayBeStale, DateTimeOffset now)
    {
        var name = rules?.MunicipalityDisplayName ?? "";
        var decision = EligibilityEvaluator.Evaluate(iv, facts, asOf, name);
        var response = new CheckEligibilityResponse
        {
            Intervention = iv.Name,
            InterventionDisplayName = iv.DisplayName,
            Outcome = decision.Outcome,
            Explanation = decision.Explanation,
            Information = Answers.Information(rules, asOf),
            CatalogRevision = revision,
            DecisionId = DecisionIds.Next(municipalityCode, now),
            AsOf = Type.V1.Date.From(asOf),
            CatalogMayBeStale = mayBeStale,
            Description = iv.Description,
            Contact = Answers.ContactFor(iv, rules),
        };
        response.MissingFacts.AddRange(decision.MissingFacts);
        response.Missing.AddRange(Questionnaire.Missing(decision.MissingFacts, iv, name));
        foreach (var c in decision.Conditions)
        {
            var result = decision.AffectsOutcome(c) ? Answers.ResultOf(c) : Answers.Moot(c);
            if (c.Status == ConditionStatus.Unknown && result.AffectsOutcome)
            {
                result.Missing.AddRange(Questionnaire.Missing(c.MissingFacts, iv, name)); // a fresh message: unknown results are never shared
            }

            response.Conditions.Add(result);
        }

        return response;
    }
}

using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// The list answer: the day's direct-access insatser a person can use, those an answer could still open, and the
/// questions that still decide something, so a portal can ask one at a time and never ask what no longer matters.
/// </summary>
public static class DirectLists
{
    public static ListDirectInterventionsResponse Answer(CatalogSnapshot snapshot, PersonFacts facts, DateOnly asOf, bool mayBeStale)
    {
        var rules = snapshot.RulesInForce(asOf);
        var name = rules?.MunicipalityDisplayName ?? "";
        var response = new ListDirectInterventionsResponse
        {
            Information = Answers.Information(rules, asOf),
            CatalogRevision = snapshot.Revision,
            AsOf = Type.V1.Date.From(asOf),
            CatalogMayBeStale = mayBeStale,
            Contact = rules?.Contact,
        };
        var open = new HashSet<string>(StringComparer.Ordinal);
        var insatser = snapshot.ListInForce(asOf, Access.Direct);
        foreach (var iv in insatser)
        {
            var decision = EligibilityEvaluator.Evaluate(iv, facts, asOf, name);
            if (decision.Outcome is not (Outcome.Eligible or Outcome.Undetermined))
            {
                continue;
            }

            var summary = new InterventionSummary
            {
                Intervention = iv.Name, DisplayName = iv.DisplayName, Outcome = decision.Outcome,
                Description = iv.Description, Contact = Answers.ContactFor(iv, rules),
            };
            summary.MissingFacts.AddRange(decision.MissingFacts);
            summary.Missing.AddRange(Questionnaire.Missing(decision.MissingFacts, iv, name));
            (decision.Outcome == Outcome.Eligible ? response.Eligible : response.Possible).Add(summary);
            open.UnionWith(summary.Missing.Select(m => m.Code));
        }

        // The day's questions (made once per catalog version and day) in form order, kept where an open insats misses them.
        response.NextQuestions.AddRange(Questionnaire.Of(snapshot, "", asOf, () => insatser).Questions.Where(q => open.Contains(q.Code)));
        return response;
    }
}

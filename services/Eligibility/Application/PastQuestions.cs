using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// What-if against the questions residents asked: the decision log's questions of a period about each insats
/// the draft touches, each compared from the answer it was given (kept exact in the log) to the draft's answer for
/// the facts it was asked with. A question's age is kept as a band: the draft is evaluated for every age in the
/// band, and when its answers then differ (the draft draws an age line inside the band) the question is counted
/// as undecided, not guessed. Writes nothing.
/// </summary>
public sealed class PastQuestions(DecisionLogStore store)
{
    /// <summary>The most questions read per insats; past.truncated says when a period had more.</summary>
    public const int MaxPerIntervention = 200_000;

    public async Task<PastQuestionsImpact> EvaluateAsync(CatalogSnapshot snapshot, DateOnly asOf, IReadOnlyList<Intervention> put, IReadOnlySet<string> remove,
        DateTimeOffset from, DateTimeOffset to, string municipalityName, CancellationToken ct)
    {
        var code = snapshot.MunicipalityCode;
        var impact = new PastQuestionsImpact();
        foreach (var (name, _, draft) in DraftEvaluation.Sides(snapshot, asOf, put, remove))
        {
            var id = name[(name.LastIndexOf('/') + 1)..];
            var questions = await store.PeriodAsync(code, id, from, to, MaxPerIntervention + 1, ct);
            if (questions.Count > MaxPerIntervention)
            {
                impact.Truncated = true;
                questions.RemoveAt(questions.Count - 1);
            }

            impact.Questions += questions.Count;
            var shifts = new Dictionary<(Outcome From, Outcome To), (int Count, FactProfile Example)>();
            foreach (var question in questions)
            {
                ct.ThrowIfCancellationRequested();
                // From: the answer the resident was given (kept exact in the log). To: the draft's, for every age the
                // question's band holds; when those differ the draft draws a line inside the band: undecided.
                var draftOutcomes = question.Facts.Expand().Select(f => DraftEvaluation.OutcomeOf(draft, f, asOf, municipalityName)).Distinct().ToList();
                if (draftOutcomes.Count > 1)
                {
                    impact.UndecidedByAgeBand++;
                    continue;
                }

                var key = (From: question.Outcome, To: draftOutcomes[0]);
                if (key.From == key.To)
                {
                    continue;
                }

                shifts[key] = shifts.TryGetValue(key, out var seen) ? (seen.Count + 1, seen.Example) : (1, question.Facts);
            }

            var result = new DraftImpact { Intervention = name, Changed = shifts.Values.Sum(s => s.Count) };
            result.Shifts.AddRange(shifts.OrderByDescending(s => s.Value.Count).ThenBy(s => s.Key.From).ThenBy(s => s.Key.To).Select(s => new OutcomeShift
            {
                From = s.Key.From,
                To = s.Key.To,
                Profiles = s.Value.Count,
                Example = s.Value.Example.Describe(code),
            }));
            impact.Impacts.Add(result);
        }

        return impact;
    }
}

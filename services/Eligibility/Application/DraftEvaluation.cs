using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// What-if: today's catalog and a draft evaluated, with the evaluator every check uses, against the same
/// profile grid; the answers that would change are counted per insats, from what to what. Writes nothing.
/// </summary>
public static class DraftEvaluation
{
    /// <summary>Distinct attested facts a draft's insatser may read, today's and the draft's together: the grid grows with each.</summary>
    public const int MaxAttestedFacts = 24;

    /// <summary>Profiles × insatser evaluated at most (each twice): a whole catalog as a draft fits (Kalix: ~122 000 × 30), a draft's work stays within seconds and its memory bounded.</summary>
    public const long MaxEvaluations = 8_000_000;

    /// <summary>The attested facts the grid will vary: every fact code today's and the draft's versions of the touched insatser read.</summary>
    public static IReadOnlyList<string> AttestedFacts(CatalogSnapshot snapshot, DateOnly asOf, IReadOnlyList<Intervention> put, IReadOnlySet<string> remove, string municipalityName) =>
        Sides(snapshot, asOf, put, remove).SelectMany(s => new[] { s.Today, s.Draft }).OfType<Intervention>()
            .SelectMany(iv => EligibilityEvaluator.Facts(iv, municipalityName).Keys).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>How many evaluations a draft asks for: the grid's size for that many facts, times the insatser touched.</summary>
    public static long Evaluations(int attestedFacts, int interventions) => ProfileGrid.Size(attestedFacts) * (long)interventions;

    public static EvaluateDraftResponse Evaluate(CatalogSnapshot snapshot, DateOnly asOf, IReadOnlyList<Intervention> put, IReadOnlySet<string> remove, string municipalityName, CancellationToken ct = default)
    {
        var code = snapshot.MunicipalityCode;
        var sides = Sides(snapshot, asOf, put, remove);
        var grid = ProfileGrid.For(code, AttestedFacts(snapshot, asOf, put, remove, municipalityName));
        var workers = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2), CancellationToken = ct };

        var response = new EvaluateDraftResponse { CatalogRevision = snapshot.Revision, Profiles = grid.Count };
        foreach (var (name, today, draft) in sides)
        {
            // Each profile evaluated on both sides; the shifts counted per worker, then joined. At most half the
            // cores: the portals' checks on the same replica keep the rest.
            var shifts = new Dictionary<(Outcome From, Outcome To), (int Count, int Example)>();
            var gate = new object();
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, grid.Count, 4096), workers, () => new Dictionary<(Outcome, Outcome), (int, int)>(), (range, _, local) =>
            {
                ct.ThrowIfCancellationRequested(); // a client that gave up frees the replica within one range (~ms)
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var (from, to) = (OutcomeOf(today, grid[i], asOf, municipalityName), OutcomeOf(draft, grid[i], asOf, municipalityName));
                    if (from != to)
                    {
                        local[(from, to)] = local.TryGetValue((from, to), out var seen) ? (seen.Item1 + 1, Math.Min(seen.Item2, i)) : (1, i);
                    }
                }

                return local;
            }, local =>
            {
                lock (gate)
                {
                    foreach (var (key, (count, example)) in local)
                    {
                        shifts[key] = shifts.TryGetValue(key, out var seen) ? (seen.Count + count, Math.Min(seen.Example, example)) : (count, example);
                    }
                }
            });

            var impact = new DraftImpact { Intervention = name, Changed = shifts.Values.Sum(s => s.Count) };
            impact.Shifts.AddRange(shifts.OrderByDescending(s => s.Value.Count).ThenBy(s => s.Key.From).ThenBy(s => s.Key.To).Select(s => new OutcomeShift
            {
                From = s.Key.From,
                To = s.Key.To,
                Profiles = s.Value.Count,
                Example = ProfileGrid.Describe(grid[s.Value.Example], code),
            }));
            response.Impacts.Add(impact);
        }

        return response;
    }

    /// <summary>Each insats the draft touches, by name, as today's catalog and the draft have it on the day (null: not offered).</summary>
    public static List<(string Name, Intervention? Today, Intervention? Draft)> Sides(CatalogSnapshot snapshot, DateOnly asOf, IReadOnlyList<Intervention> put, IReadOnlySet<string> remove) =>
        put.Select(p => p.Name).Concat(remove).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(name => (
            name,
            snapshot.InForce(name, asOf),
            put.LastOrDefault(p => p.Name == name) ?? (remove.Contains(name) ? null : snapshot.InForce(name, asOf)))).ToList();

    /// <summary>The outcome a check would give; an insats not offered on the day is NOT_OFFERED, as CheckEligibility answers.</summary>
    public static Outcome OutcomeOf(Intervention? iv, PersonFacts facts, DateOnly asOf, string municipalityName) =>
        iv is null ? Outcome.NotOffered : EligibilityEvaluator.Evaluate(iv, facts, asOf, municipalityName).Outcome;
}

using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// The answer for an insats the kommun offers on other dates but not on the one asked about: the person
/// learns when it is offered and, as in every answer, about the right to apply (11 kap. 6 § SoL).
/// </summary>
public static class NotOffered
{
    /// <summary>The answer for an insats not in force on the day; an insats the kommun never had is NOT_FOUND.</summary>
    public static CheckEligibilityResponse Answer(CatalogSnapshot snapshot, string intervention, DateOnly asOf, MunicipalityRules? rules, bool mayBeStale, DateTimeOffset now)
    {
        var versions = snapshot.VersionsOf(intervention);
        if (versions.Count == 0)
        {
            throw Problems.NotFound("Insatsen");
        }

        var periods = Periods(versions);
        var response = new CheckEligibilityResponse
        {
            Intervention = intervention,
            InterventionDisplayName = versions[^1].DisplayName,
            Outcome = Outcome.NotOffered,
            Explanation = Explanation(periods),
            Information = Answers.Information(rules, asOf),
            CatalogRevision = snapshot.Revision,
            DecisionId = DecisionIds.Next(snapshot.MunicipalityCode, now),
            AsOf = Type.V1.Date.From(asOf),
            CatalogMayBeStale = mayBeStale,
            Description = versions[^1].Description,
            Contact = Answers.ContactFor(versions[^1], rules),
        };
        response.Offered.AddRange(periods);
        return response;
    }

    /// <summary>The periods of the insats' versions, overlapping and adjacent ones joined, in date order.</summary>
    public static List<OfferedPeriod> Periods(IEnumerable<Intervention> versions)
    {
        var merged = new List<(DateOnly From, DateOnly? To)>();
        foreach (var (from, to) in versions.Select(v => (From: v.ValidFrom.ToDateOnly(), To: v.ValidTo?.ToDateOnly())).OrderBy(p => p.From))
        {
            if (merged.Count > 0 && (merged[^1].To is not { } lastTo || lastTo.AddDays(1) >= from))
            {
                var last = merged[^1];
                merged[^1] = (last.From, last.To is null || to is null ? null : (last.To > to ? last.To : to));
            }
            else
            {
                merged.Add((from, to));
            }
        }

        return merged.Select(p => new OfferedPeriod { From = Type.V1.Date.From(p.From), To = p.To is { } t ? Type.V1.Date.From(t) : null }).ToList();
    }

    public static string Explanation(IReadOnlyList<OfferedPeriod> periods)
    {
        var when = string.Join(", ", periods.Select(p => p.To is null ? $"från {Day(p.From)}" : $"{Day(p.From)}–{Day(p.To)}"));
        return $"Kommunen erbjuder inte insatsen den dagen. Den erbjuds {when}. Du har alltid rätt att ansöka om insatser hos socialnämnden.";
    }

    private static string Day(Type.V1.Date d) => d.ToDateOnly().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

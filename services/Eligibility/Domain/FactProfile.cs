using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// What a logged question said, without what could identify the person: ages as bands (<see cref="AgeBand"/>),
/// kommuner as kommunkoder, a guardian's consent, and fact codes from the kommun's catalog. Never a
/// personnummer, a birth date, an age in years or free text: the request has no free text, and the person's
/// identifiers were read for the age and dropped before this is made.
/// </summary>
public sealed record FactProfile(
    AgeBand? Age,
    string? RegisteredMunicipality,
    string? SchoolMunicipality,
    AgeBand? ChildAge,
    string? ChildRegisteredMunicipality,
    string? ChildSchoolMunicipality,
    bool? GuardianConsent,
    bool? GuardianInformed,
    IReadOnlyList<string> Attested,
    IReadOnlyList<string> Denied,
    IReadOnlyList<string> UncertainAttested,
    IReadOnlyList<UncertainFact> Uncertain)
{
    public static FactProfile Of(PersonFacts facts) => new(
        facts.Person.Age is { } age ? AgeBand.Of(age) : null,
        facts.Person.RegisteredMunicipality,
        facts.Person.SchoolMunicipality,
        facts.Child.Age is { } childAge ? AgeBand.Of(childAge) : null,
        facts.Child.RegisteredMunicipality,
        facts.Child.SchoolMunicipality,
        facts.GuardianConsent,
        facts.GuardianInformed,
        Sorted(facts.AttestedFacts),
        Sorted(facts.DeniedFacts),
        Sorted(facts.UncertainAttestedFacts),
        facts.Uncertain.Count == 0 ? [] : [.. facts.Uncertain.Order()]);

    /// <summary>
    /// The fact sets this profile may have come from: one per age in the person's band and the child's
    /// (a band of ages 0-6 and no child: seven). What-if evaluates each. Never empty: every age a check
    /// accepts (a "child" of 18 or more included) lies in a band, and the band is expanded whole, so a
    /// question a resident could ask is always one the what-if can read.
    /// </summary>
    public IEnumerable<PersonFacts> Expand()
    {
        var attested = Attested.ToHashSet(StringComparer.Ordinal);
        var denied = Denied.ToHashSet(StringComparer.Ordinal);
        var uncertainAttested = UncertainAttested.ToHashSet(StringComparer.Ordinal);
        var uncertain = Uncertain.ToHashSet();
        foreach (var age in Age?.Ages().Select(a => (int?)a) ?? [null])
        {
            foreach (var childAge in ChildAge?.Ages().Select(a => (int?)a) ?? [null])
            {
                yield return new PersonFacts(
                    new SubjectFacts(age, RegisteredMunicipality, SchoolMunicipality),
                    new SubjectFacts(childAge, ChildRegisteredMunicipality, ChildSchoolMunicipality),
                    GuardianConsent, GuardianInformed, attested, denied, uncertain, uncertainAttested);
            }
        }
    }

    /// <summary>The profile in words, for a reader to check an example (ages as bands, as kept).</summary>
    public string Describe(string municipalityCode) =>
        (Age is { } age ? "ålder " + age.Describe() : "ålder ej angiven") + ", " +
        (RegisteredMunicipality is null ? "folkbokföring ej angiven" : RegisteredMunicipality == municipalityCode ? "folkbokförd i kommunen" : "folkbokförd i annan kommun") + ", " +
        (ChildAge is { } childAge ? "barn " + childAge.Describe() : "inget barn angivet") +
        (GuardianConsent switch { true => ", vårdnadshavares samtycke", false => ", inget samtycke", null => "" }) +
        (Attested.Count > 0 ? ", intygar " + string.Join(", ", Attested) : "") +
        (Denied.Count > 0 ? ", intygar inte " + string.Join(", ", Denied) : "") +
        (Uncertain.Count > 0 || UncertainAttested.Count > 0 ? ", osäker uppgift" : "");

    private static string[] Sorted(IReadOnlySet<string> codes)
    {
        if (codes.Count == 0)
        {
            return [];
        }

        var sorted = new string[codes.Count];
        var i = 0;
        foreach (var code in codes)
        {
            sorted[i++] = code;
        }

        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}

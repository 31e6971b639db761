namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// A grid of fact profiles to evaluate a catalog against (what-if): every age 0-99 of the person, registered
/// in the kommun or elsewhere, no child or a child of 0-17 registered in the kommun, a guardian's consent or
/// none, and each combination of the attested facts read (each alone when there are more than four, to keep
/// the grid in bounds). Facts only, as every check: nobody's data, made up to cover the rules' edges.
/// </summary>
public static class ProfileGrid
{
    public const int MaxCombinedFacts = 4;

    /// <summary>The profiles without attested facts: 100 ages × 2 registrations × 19 child states × 2 consents.</summary>
    public const int Base = 100 * 2 * 19 * 2;

    /// <summary>How many profiles the grid has for that many distinct attested facts (2^n up to four, then n + 1).</summary>
    public static long Size(int attestedFacts) => Base * (attestedFacts <= MaxCombinedFacts ? 1L << attestedFacts : attestedFacts + 1L);

    public static IReadOnlyList<PersonFacts> For(string municipalityCode, IReadOnlyCollection<string> attestedCodes)
    {
        var codes = attestedCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var attested = codes.Length <= MaxCombinedFacts
            ? Enumerable.Range(0, 1 << codes.Length).Select(mask => (IReadOnlySet<string>)codes.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet(StringComparer.Ordinal)).ToList()
            : [new HashSet<string>(StringComparer.Ordinal), .. codes.Select(c => (IReadOnlySet<string>)new HashSet<string>(StringComparer.Ordinal) { c })];
        var elsewhere = municipalityCode == "0000" ? "0001" : "0000"; // a kommun code that is not this one
        var children = new[] { SubjectFacts.Unknown }.Concat(Enumerable.Range(0, 18).Select(a => new SubjectFacts(a, municipalityCode, null))).ToArray();
        var profiles = new List<PersonFacts>(100 * 2 * children.Length * 2 * attested.Count);
        for (var age = 0; age < 100; age++)
        {
            foreach (var registered in new[] { municipalityCode, elsewhere })
            {
                foreach (var child in children)
                {
                    foreach (var consent in new bool?[] { true, null })
                    {
                        foreach (var facts in attested)
                        {
                            profiles.Add(PersonFacts.Of(new SubjectFacts(age, registered, null), child, consent, attested: facts));
                        }
                    }
                }
            }
        }

        return profiles;
    }

    /// <summary>A profile in words, for a reader to check an example (no person behind it).</summary>
    public static string Describe(PersonFacts p, string municipalityCode) =>
        $"ålder {p.Person.Age}, folkbokförd {(p.Person.RegisteredMunicipality == municipalityCode ? "i kommunen" : "i annan kommun")}, " +
        (p.Child.Age is { } childAge ? $"barn {childAge} år i kommunen" : "inget barn") + ", " +
        (p.GuardianConsent == true ? "vårdnadshavares samtycke" : "inget samtycke") +
        (p.AttestedFacts.Count > 0 ? ", intygar " + string.Join(", ", p.AttestedFacts.Order(StringComparer.Ordinal)) : "");
}

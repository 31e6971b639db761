namespace Socialtjanst.Catalog.V1;

/// <summary>
/// One kommun's catalog at one revision: every dated version of every insats and of the kommun's
/// rules, answering "as of" a day. Immutable. The Catalog serves from it, and every service that
/// replicates the catalog answers from it: the meaning of valid_from and valid_to (both days
/// included, valid_to absent for open-ended) lives here once.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<string, Intervention[]> byName;

    public CatalogSnapshot(string municipalityCode, long revision, IEnumerable<Intervention> versions, IEnumerable<MunicipalityRules> rules)
    {
        MunicipalityCode = municipalityCode;
        Revision = revision;
        Versions = versions.OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.ValidFrom.ToDateOnly()).ToArray();
        Rules = rules.OrderBy(r => r.ValidFrom.ToDateOnly()).ToArray();
        byName = Versions.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        if (Versions.Count > 0)
        {
            FirstDay = Versions.Min(v => v.ValidFrom.ToDateOnly());
            LastDay = Versions.Any(v => v.ValidTo is null) ? null : Versions.Max(v => v.ValidTo.ToDateOnly());
        }
    }

    public string MunicipalityCode { get; }

    public long Revision { get; }

    /// <summary>Every current version, ordered by name and then by first day in force.</summary>
    public IReadOnlyList<Intervention> Versions { get; }

    public IReadOnlyList<MunicipalityRules> Rules { get; }

    /// <summary>The first day any insats is in force; null for an empty catalog.</summary>
    public DateOnly? FirstDay { get; }

    /// <summary>The last day any insats is in force; null when some insats is open-ended (or the catalog is empty).</summary>
    public DateOnly? LastDay { get; }

    public static CatalogSnapshot Empty(string code) => new(code, 0, [], []);

    /// <summary>True when the day lies within the catalog's range.</summary>
    public bool Covers(DateOnly day) => FirstDay is { } first && day >= first && (LastDay is null || day <= LastDay);

    public Intervention? InForce(string name, DateOnly day)
    {
        if (byName.TryGetValue(name, out var versions))
        {
            foreach (var v in versions)
            {
                if (IsInForce(v.ValidFrom, v.ValidTo, day))
                {
                    return v;
                }
            }
        }

        return null;
    }

    /// <summary>Every version of the insats, on any day (none when the kommun has no such insats).</summary>
    public IReadOnlyList<Intervention> VersionsOf(string name) => byName.TryGetValue(name, out var versions) ? versions : [];

    /// <summary>True when some version of the insats exists, on any day.</summary>
    public bool Knows(string name) => byName.ContainsKey(name);

    /// <summary>The insatser in force on a day, ordered by name, optionally only one kind of access.</summary>
    public IEnumerable<Intervention> ListInForce(DateOnly day, Access access) =>
        Versions.Where(v => IsInForce(v.ValidFrom, v.ValidTo, day) && (access == Access.Unspecified || v.Access == access));

    public MunicipalityRules? RulesInForce(DateOnly day)
    {
        foreach (var r in Rules)
        {
            if (IsInForce(r.ValidFrom, r.ValidTo, day))
            {
                return r;
            }
        }

        return null;
    }

    public static bool IsInForce(Type.V1.Date from, Type.V1.Date? to, DateOnly day) =>
        Law.Validity.InForceOn(day, from.ToDateOnly(), to?.ToDateOnly());
}

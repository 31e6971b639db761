using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// One kommun's current catalog at one revision: every dated version of every insats and of the
/// kommun's rules. Immutable; questions are answered "as of" a day.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<string, Intervention[]> byId;

    public CatalogSnapshot(string municipalityCode, long revision, IEnumerable<Intervention> versions, IEnumerable<MunicipalityRules> rules)
    {
        MunicipalityCode = municipalityCode;
        Revision = revision;
        Versions = versions.OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.ValidFrom.ToDateOnly("valid_from")).ToArray();
        Rules = rules.ToArray();
        byId = Versions.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public string MunicipalityCode { get; }

    public long Revision { get; }

    /// <summary>Every current version, ordered by name and then by first day in force.</summary>
    public IReadOnlyList<Intervention> Versions { get; }

    public IReadOnlyList<MunicipalityRules> Rules { get; }

    public static CatalogSnapshot Empty(string code) => new(code, 0, [], []);

    public Intervention? InForce(string name, DateOnly day) =>
        byId.TryGetValue(name, out var versions) ? versions.FirstOrDefault(v => IsInForce(v.ValidFrom, v.ValidTo, day)) : null;

    /// <summary>The insatser in force on a day, ordered by name, optionally only one kind of access.</summary>
    public IEnumerable<Intervention> ListInForce(DateOnly day, Access access) =>
        Versions.Where(v => IsInForce(v.ValidFrom, v.ValidTo, day) && (access == Access.Unspecified || v.Access == access));

    public MunicipalityRules? RulesInForce(DateOnly day) => Rules.FirstOrDefault(r => IsInForce(r.ValidFrom, r.ValidTo, day));

    private static bool IsInForce(Type.V1.Date from, Type.V1.Date? to, DateOnly day) =>
        InterventionRules.InForce(from.ToDateOnly("valid_from")!.Value, to.ToDateOnly("valid_to"), day);
}

using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// What one committed write did to a kommun's catalog: the versions it put, as messages, under one revision. The
/// writer makes it from the messages it wrote (nothing parsed); the cache applies it and keeps it in its short log,
/// from which every watcher streams.
/// </summary>
public sealed record CatalogChange(long Revision, IReadOnlyList<Intervention> Interventions, IReadOnlyList<MunicipalityRules> Rules)
{
    /// <summary>Rows read from the store (another instance's writes, or a resume) as one change per revision, each body parsed once.</summary>
    public static IReadOnlyList<CatalogChange> FromRows(string code, IEnumerable<VersionRow> versions, IEnumerable<RulesRow> rules)
    {
        var interventions = versions.GroupBy(v => v.Revision).ToDictionary(g => g.Key, g => g.Select(v => CatalogRows.ToIntervention(code, v)).ToList());
        var rulesBy = rules.GroupBy(r => r.Revision).ToDictionary(g => g.Key, g => g.Select(r => CatalogRows.ToRules(code, r)).ToList());
        return interventions.Keys.Union(rulesBy.Keys).Order()
            .Select(revision => new CatalogChange(revision, interventions.GetValueOrDefault(revision) ?? [], rulesBy.GetValueOrDefault(revision) ?? []))
            .ToList();
    }
}

using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;

namespace Socialtjanst.Eligibility.Tests.Domain;

/// <summary>The seed catalogs as the replica would hold them.</summary>
public static class Seeds
{
    private static readonly Lazy<Dictionary<string, CatalogSnapshot>> Snapshots = new(Load);

    public static CatalogSnapshot For(string code) => Snapshots.Value[code];

    public static EligibilityDecision Check(string code, string id, DateOnly asOf, PersonFacts facts)
    {
        var snapshot = For(code);
        var iv = snapshot.InForce($"municipalities/{code}/interventions/{id}", asOf) ?? throw new InvalidOperationException($"{id} not in force");
        return EligibilityEvaluator.Evaluate(iv, facts, asOf, snapshot.RulesInForce(asOf)?.MunicipalityDisplayName ?? "");
    }

    private static Dictionary<string, CatalogSnapshot> Load()
    {
        var files = new[] { SeedFiles.Kalix2001, SeedFiles.Kalix2025, SeedFiles.Alingsas, SeedFiles.Exempelkommun }
            .Select(f => CatalogFileReader.Read(SeedFiles.Read(f)).File!)
            .ToList();
        var id = 0;
        return files.GroupBy(f => f.MunicipalityCode).ToDictionary(g => g.Key, g => new CatalogSnapshot(g.Key, 1,
            g.SelectMany(f => f.Interventions).Select(e => { var iv = e.Intervention.Clone(); iv.VersionId = $"v{++id}"; return iv; }),
            g.Select(f => f.Rules!)));
    }
}

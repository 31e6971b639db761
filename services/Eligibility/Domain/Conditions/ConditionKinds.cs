using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>Every <see cref="ConditionKind"/> in this assembly, by contract case.</summary>
public static class ConditionKinds
{
    private static readonly Dictionary<Condition.KindOneofCase, ConditionKind> ByCase =
        typeof(ConditionKind).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ConditionKind)) && !t.IsAbstract)
            .Select(t => (ConditionKind)Activator.CreateInstance(t)!)
            .SelectMany(k => k.Cases.Select(c => (c, k)))
            .ToDictionary(p => p.c, p => p.k);

    /// <summary>The cases some class decides; a case the contract has and no class decides is read as unknown.</summary>
    public static IReadOnlyCollection<Condition.KindOneofCase> Decided => ByCase.Keys;

    public static ConditionKind? For(Condition.KindOneofCase kind) => ByCase.GetValueOrDefault(kind);
}

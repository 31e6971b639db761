using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>Every <see cref="ConditionKind"/> in this assembly, by YAML key and by contract case.</summary>
public static class ConditionKinds
{
    public static readonly IReadOnlyList<ConditionKind> All =
    [
        .. typeof(ConditionKind).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ConditionKind)) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ConditionKind)Activator.CreateInstance(t)!),
    ];

    private static readonly Dictionary<string, ConditionKind> ByKey =
        All.SelectMany(k => k.YamlKeys.Select(key => (key, k))).ToDictionary(p => p.key, p => p.k, StringComparer.Ordinal);

    private static readonly Dictionary<Condition.KindOneofCase, ConditionKind> ByCase =
        All.SelectMany(k => k.Cases.Select(c => (c, k))).ToDictionary(p => p.c, p => p.k);

    /// <summary>Every key a catalog file may use for a condition, for the message that lists them.</summary>
    public static readonly string KeyList = string.Join(", ", All.SelectMany(k => k.YamlKeys));

    public static ConditionKind? ForKey(string key) => ByKey.GetValueOrDefault(key);

    public static ConditionKind? For(Condition.KindOneofCase kind) => ByCase.GetValueOrDefault(kind);
}

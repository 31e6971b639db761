using System.Runtime.CompilerServices;
using Socialtjanst.Eligibility.Domain;

namespace Socialtjanst.Eligibility.Storage;

/// <summary>
/// What identifies a condition set in the writer's memory: the kommun and each condition's description and source.
/// Answers about one version of an insats carry the very same strings (from the catalog copy), so the hash is taken
/// from the strings' identities and equality tries identity before content: no text is hashed or built per answer.
/// Two equal sets with different string instances only miss the cache; the set's id comes from its content.
/// </summary>
internal readonly struct ConditionSetKey(string code, IReadOnlyList<ConditionRecord> conditions) : IEquatable<ConditionSetKey>
{
    private readonly string code = code;
    private readonly IReadOnlyList<ConditionRecord> conditions = conditions;

    public bool Equals(ConditionSetKey other)
    {
        if (!string.Equals(code, other.code, StringComparison.Ordinal) || conditions.Count != other.conditions.Count)
        {
            return false;
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            var (a, b) = (conditions[i], other.conditions[i]);
            if (!Same(a.Description, b.Description) || !Same(a.Source, b.Source))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ConditionSetKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(code, StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++) // by index: a foreach over the interface would allocate an enumerator per answer
        {
            hash.Add(RuntimeHelpers.GetHashCode(conditions[i].Description));
            hash.Add(RuntimeHelpers.GetHashCode(conditions[i].Source));
        }

        return hash.ToHashCode();
    }

    private static bool Same(string a, string b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);
}

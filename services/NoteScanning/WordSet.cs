using System.Collections.Frozen;

namespace Socialtjanst.NoteScanning;

/// <summary>A closed list of words looked up by a span of the text in any case, in one hash lookup instead of a loop of comparisons.</summary>
internal sealed class WordSet
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int longest;

    public WordSet(params string[] words)
    {
        lookup = words.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        longest = words.Max(w => w.Length);
    }

    public bool Contains(ReadOnlySpan<char> word) => word.Length <= longest && lookup.Contains(word);
}

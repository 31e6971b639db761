using System.IO.Compression;

namespace Socialtjanst.Documentation.Domain;

/// <summary>
/// The word and name data the note scanner reads, loaded once per process from resources built by
/// tools/namedata/build.sh: every inflected form of the sv_SE hunspell dictionary (LGPL-3) as
/// 64-bit hashes of the lower-cased form (≈ 790 000 forms in ≈ 20 MB instead of ≈ 60 MB of strings),
/// the dictionary's proper nouns (names and places), and given names and surnames of many origins
/// (@faker-js/faker, MIT, and the curated Swedish lists). Every lookup is case-insensitive.
/// </summary>
public sealed class Lexicon
{
    private static readonly Lazy<Lexicon> Shared = new(() => new Lexicon(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HashSet<ulong> words;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> given;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> surnames;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> proper;

    private Lexicon()
    {
        words = new HashSet<ulong>(800_000);
        using (var stream = Open("lexicon-sv.txt.gz"))
        using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    words.Add(Hash(line));
                }
            }
        }

        given = Names("given-names.txt").GetAlternateLookup<ReadOnlySpan<char>>();
        surnames = Names("surnames.txt").GetAlternateLookup<ReadOnlySpan<char>>();
        proper = Names("proper-nouns.txt").GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The data, loaded on first use.</summary>
    public static Lexicon Instance => Shared.Value;

    /// <summary>Forms in the word list.</summary>
    public int WordCount => words.Count;

    /// <summary>An ordinary Swedish word form (any case in the text; the dictionary's lower-case entries).</summary>
    public bool IsWord(ReadOnlySpan<char> token) => token.Length <= 64 && words.Contains(Hash(token));

    /// <summary>A given name of any origin the data covers.</summary>
    public bool IsGivenName(ReadOnlySpan<char> token) => given.Contains(token);

    /// <summary>A surname of any origin the data covers.</summary>
    public bool IsSurname(ReadOnlySpan<char> token) => surnames.Contains(token);

    /// <summary>A proper noun of the Swedish dictionary: a name or a place.</summary>
    public bool IsProperNoun(ReadOnlySpan<char> token) => proper.Contains(token);

    /// <summary>FNV-1a over the lower-cased UTF-16 units: stable, allocation-free.</summary>
    private static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            hash = (hash ^ (lower & 0xFFu)) * 1099511628211UL;
            hash = (hash ^ (uint)(lower >> 8)) * 1099511628211UL;
        }

        return hash;
    }

    private static HashSet<string> Names(string resource)
    {
        using var reader = new StreamReader(Open(resource));
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim().Normalize());
            }
        }

        return set;
    }

    private static Stream Open(string resource) =>
        typeof(Lexicon).Assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidOperationException($"The scanner's data {resource} is missing from the assembly.");
}

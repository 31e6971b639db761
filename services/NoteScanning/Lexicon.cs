using System.IO.Compression;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The word and name data the note scanner reads, loaded once per process from resources built by
/// tools/namedata/build.sh: every inflected form of the sv_SE hunspell dictionary (LGPL-3), the
/// dictionary's proper nouns (names and places), given names and surnames of many origins
/// (@faker-js/faker, MIT, and the curated Swedish lists), and the scanner's closed word lists. All of
/// it is keyed by a 64-bit hash of the lower-cased word, so a word costs one
/// hash; the word forms (≈ 790 000, ≈ 8 MiB in <see cref="WordHashes"/>) are a second table asked only when a rule needs them.
/// </summary>
public sealed class Lexicon
{
    private const int MaxWord = 64;
    private static readonly Lazy<Lexicon> Shared = new(() => new Lexicon(), LazyThreadSafetyMode.ExecutionAndPublication);

    // Two tables: the small one (names, proper nouns, the closed lists: ≈ 40 000 entries, cache-resident)
    // answers most questions; the large one (every Swedish word form) is asked only when a rule needs it.
    private readonly Dictionary<ulong, WordClass> classes = new(50_000);
    private readonly WordHashes words = new(800_000);

    // A Bloom filter over the small table (2^20 bits, 128 KiB, two probes; ≈ 0.5 % false positives at
    // 40 000 entries): most words of a note are in neither list, and are answered without a lookup.
    private const int BloomBits = 1 << 20;
    private readonly ulong[] bloom = new ulong[BloomBits / 64];

    private Lexicon()
    {
        using (var stream = Open("lexicon-sv.txt.gz"))
        using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            AddWordForms(reader);
        }

        MarkAll("given-names.txt", WordClass.Given);
        MarkAll("nicknames.txt", WordClass.Given); // Swedish short forms and pet names ("Putte", "Lillan"), the project's own list
        MarkAll("surnames.txt", WordClass.Surname);
        MarkAll("proper-nouns.txt", WordClass.Proper);
        MarkAll("municipalities.txt", WordClass.Town);
        foreach (var (word, cls) in NameRules.Classes())
        {
            Mark(word, cls);
        }

        WordCount = words.Count;
    }

    /// <summary>The data, loaded on first use.</summary>
    public static Lexicon Instance => Shared.Value;

    /// <summary>Word forms in the large table.</summary>
    public int WordCount { get; }

    /// <summary>The classes of a word, whatever its case, <see cref="WordClass.Word"/> included.</summary>
    public WordClass Classify(ReadOnlySpan<char> token)
    {
        var cls = ClassifyNames(token, out var hash);
        return hash != 0 && words.Contains(hash) ? cls | WordClass.Word : cls;
    }

    /// <summary>
    /// The classes of a word from the small table only (names, proper nouns, closed lists: never
    /// <see cref="WordClass.Word"/>), and its hash, for <see cref="IsWordHash"/> when a rule needs it.
    /// </summary>
    public WordClass ClassifyNames(ReadOnlySpan<char> token, out ulong hash)
    {
        if (token.Length is 0 or > MaxWord)
        {
            hash = 0;
            return WordClass.None;
        }

        hash = HashOf(token);
        return classes.GetValueOrDefault(hash);
    }

    /// <summary>As <see cref="ClassifyNames(ReadOnlySpan{char}, out ulong)"/> for a word whose hash the caller computed with <see cref="Step"/>.</summary>
    public WordClass ClassifyHash(int length, ulong hash) =>
        length is 0 or > MaxWord || !MayHold(hash) ? WordClass.None : classes.GetValueOrDefault(hash);

    private bool MayHold(ulong hash)
    {
        var a = (int)(hash & (BloomBits - 1));
        var b = (int)((hash >> 40) & (BloomBits - 1));
        return (bloom[a >> 6] & (1UL << a)) != 0 && (bloom[b >> 6] & (1UL << b)) != 0;
    }

    /// <summary>Is the word with this hash (from <see cref="ClassifyNames"/>) an ordinary word form?</summary>
    public bool IsWordHash(ulong hash) => hash != 0 && words.Contains(hash);

    /// <summary>An ordinary Swedish word form.</summary>
    public bool IsWord(ReadOnlySpan<char> token) => (Classify(token) & WordClass.Word) != 0;

    /// <summary>A given name of any origin the data covers.</summary>
    public bool IsGivenName(ReadOnlySpan<char> token) => (Classify(token) & WordClass.Given) != 0;

    /// <summary>A surname of any origin the data covers.</summary>
    public bool IsSurname(ReadOnlySpan<char> token) => (Classify(token) & WordClass.Surname) != 0;

    /// <summary>A proper noun of the Swedish dictionary: a name or a place.</summary>
    public bool IsProperNoun(ReadOnlySpan<char> token) => (Classify(token) & WordClass.Proper) != 0;

    private const ulong Offset = 14695981039346656037UL;

    /// <summary>FNV-1a over the lower-cased UTF-16 units (a unit at a time): stable within a process, allocation-free.</summary>
    public static ulong Step(ulong hash, char c) => (hash ^ ToLower(c)) * 1099511628211UL;

    /// <summary>The hash of the empty word, where <see cref="Step"/> starts.</summary>
    public const ulong Start = Offset;

    // Invariant lower case of every UTF-16 unit, made once (128 KiB): char.ToLowerInvariant calls into
    // ICU for every letter outside ASCII, which cost the scanner most of its time on Swedish text.
    private static readonly char[] Lower = MakeLowerTable();

    private static char[] MakeLowerTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            table[c] = char.ToLowerInvariant((char)c);
        }

        return table;
    }

    /// <summary>Invariant lower case from a table: no call into ICU on the scanner's hot path.</summary>
    public static char ToLower(char c) => Lower[c];

    private static ulong HashOf(ReadOnlySpan<char> word)
    {
        var hash = Offset;
        foreach (var c in word)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    private void Mark(ReadOnlySpan<char> word, WordClass cls)
    {
        if (word.Length is 0 or > MaxWord)
        {
            return;
        }

        var hash = HashOf(word);
        classes[hash] = classes.GetValueOrDefault(hash) | cls;
        var a = (int)(hash & (BloomBits - 1));
        var b = (int)((hash >> 40) & (BloomBits - 1));
        bloom[a >> 6] |= 1UL << a;
        bloom[b >> 6] |= 1UL << b;
    }

    /// <summary>
    /// Hashes every line of the word list as it streams past in one reused buffer (the same hash as <see cref="HashOf"/>),
    /// without a string per line: 790 000 strings would be ~30 MB of garbage at a replica's start.
    /// </summary>
    private void AddWordForms(StreamReader reader)
    {
        var buffer = new char[64 * 1024];
        var hash = Offset;
        var length = 0;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '\n')
                {
                    if (length is > 0 and <= MaxWord)
                    {
                        words.Add(hash);
                    }

                    (hash, length) = (Offset, 0);
                }
                else if (c != '\r')
                {
                    hash = Step(hash, c);
                    length++;
                }
            }
        }

        if (length is > 0 and <= MaxWord)
        {
            words.Add(hash); // a last line without its newline
        }
    }

    private void MarkAll(string resource, WordClass cls)
    {
        using var reader = new StreamReader(Open(resource));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                Mark(line.Trim().Normalize(), cls);
            }
        }
    }

    private static Stream Open(string resource) =>
        typeof(Lexicon).Assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidOperationException($"The scanner's data {resource} is missing from the assembly.");
}

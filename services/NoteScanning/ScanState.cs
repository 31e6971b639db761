namespace Socialtjanst.NoteScanning;

/// <summary>
/// What one scan of one text knows as it goes: the text, the spans found so far, the word before, the word ahead, where
/// a "c/o" stood and an unknown capitalized word that a following name would take in. The pass writes it; the
/// detectors read it (the name detector's look-ahead also keeps the word ahead in it).
/// </summary>
internal sealed class ScanState(string text, DateOnly today, Lexicon lexicon)
{
    public readonly string Text = text;
    public readonly DateOnly Today = today;
    public readonly Lexicon Lexicon = lexicon;

    /// <summary>The spans so far, in order.</summary>
    public readonly List<Detection> Found = [];

    public PreviousWord Previous = PreviousWord.None;
    public LookAhead Ahead = new();

    /// <summary>Where "c/o" stood, or -1: an address after it on the line starts there.</summary>
    public int CareOfStart = -1;

    /// <summary>An unknown capitalized word, or -1: it belongs to a name that follows it ("Dawit Tesfaye").</summary>
    public int CandidateStart = -1;
    public int CandidateEnd = -1;

    /// <summary>Is the last span a name ending at the word before, with only a space or two between?</summary>
    public bool PreviousIsName(int start) =>
        Found.Count > 0 && Found[^1].Kind == IdentifierKind.Name && Found[^1].End == Previous.End && OnlySpaces(Previous.End, start);

    /// <summary>
    /// The classes of the word ahead at [start, end) from the names table (not the word table), kept in
    /// <see cref="Ahead"/> for when the scan reaches it: a look-ahead rule and the pass hash it once.
    /// </summary>
    public WordClass Peek(int start, int end)
    {
        if (start != Ahead.Start)
        {
            Ahead.Start = start;
            Ahead.Class = Lexicon.ClassifyNames(Text.AsSpan(start, end - start), out Ahead.Hash);
        }

        return Ahead.Class;
    }

    /// <summary>One or two spaces and nothing else between the two positions.</summary>
    public bool OnlySpaces(int from, int to)
    {
        if (to - from is < 1 or > 2)
        {
            return false;
        }

        for (var i = from; i < to; i++)
        {
            if (Text[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"Ali:s", "Đoàn:s": a genitive written with a colon after the word ending at <paramref name="end"/>.</summary>
    public bool ColonGenitive(int end) =>
        end + 1 < Text.Length && Text[end] == ':' && Text[end + 1] == 's' && (end + 2 == Text.Length || !char.IsLetterOrDigit(Text[end + 2]));

    /// <summary>Where the word ending at <paramref name="end"/> starts.</summary>
    public int FirstLetterBefore(int end)
    {
        var i = end - 1;
        while (i > 0 && char.IsLetter(Text[i - 1]))
        {
            i--;
        }

        return i;
    }
}

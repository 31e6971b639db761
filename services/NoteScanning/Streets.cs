namespace Socialtjanst.NoteScanning;

/// <summary>What a street's name looks like: its endings, its abbreviations, the words of two-word streets.</summary>
internal static class Streets
{
    /// <summary>"Strandv.", "Storg.", "Kungsg", "Skolv": a street name cut after its v or g.</summary>
    internal static bool IsStreetAbbreviation(ReadOnlySpan<char> word) =>
        word.Length >= 4 && word[^1] is 'v' or 'g' && char.IsUpper(word[0]);

    /// <summary>The second word of a two-word street name: "Eklunds Väg", "Holmbergs gata", "Karls väg".</summary>
    internal static bool IsStreetWord(ReadOnlySpan<char> word) => word switch
    {
        "Väg" or "väg" or "Vägen" or "Gata" or "gata" or "Gatan" or "Gränd" or "gränd" or "Allé" or "allé" or "Torg" or "torg" or "Torget"
            or "Stig" or "stig" or "Backe" or "backe" or "Plan" or "Park" or "Plats" or "Gård" => true,
        _ => false,
    };

    private static readonly string[] StreetSuffixes =
    [
        "gatan", "vägen", "gränd", "gränden", "stigen", "torget", "backen", "allén", "leden", "platsen", "stråket", "gata", "väg",
        "gårdsvägen", "plan", "kajen", "parken", "slingan", "liden", "vändan", "svängen", "kroken", "torg", "gården", "lyckan", "ringen", "udden", "höjden",
    ];

    internal static bool HasStreetSuffix(ReadOnlySpan<char> word)
    {
        if (word.Length < 5 || Lexicon.ToLower(word[^1]) is not ('n' or 'd' or 't' or 'a' or 'g'))
        {
            return false; // every suffix ends in one of these, and a street has at least two letters before its suffix
        }

        foreach (var suffix in StreetSuffixes)
        {
            if (word.Length > suffix.Length + 1 && TextShape.EndsWithLower(word, suffix))
            {
                return true;
            }
        }

        return false;
    }
}

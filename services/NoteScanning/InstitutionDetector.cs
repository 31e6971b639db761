using static Socialtjanst.NoteScanning.TextShape;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// Named schools, care units, homes and workplaces: not a person, but in a small kommun, with an age or a class, a
/// detail that can point to one (14 kap. 5 § SoL; docs/note-review.md). Generic mentions ("skolan", "vårdcentralen",
/// "Grundskolan") are no finding: only a name is.
/// </summary>
internal readonly struct InstitutionDetector(ScanState s)
{
    /// <summary>Endings of one-word institution names: "Hertsöskolan", "Furuhedsgymnasiet".</summary>
    private static readonly string[] InstitutionEndings = ["skolan", "skola", "gymnasiet", "förskolan", "vårdcentralen", "hälsocentralen", "sjukhuset"];

    /// <summary>The words a name stands before: "Kalix vårdcentral", "Solbackens förskola", "Sunderby sjukhus".</summary>
    internal static readonly string[] InstitutionHeads =
    [
        "skola", "skolan", "förskola", "förskolan", "vårdcentral", "vårdcentralen", "hälsocentral", "hälsocentralen", "sjukhus", "sjukhuset",
        "äldreboende", "äldreboendet", "gruppboende", "gruppboendet", "lss-boende", "lss-boendet", "fritidsgård", "fritidsgården",
        "gymnasium", "gymnasiet", "folkhögskola", "behandlingshem", "behandlingshemmet", "ungdomsmottagning", "ungdomsmottagningen",
        "korttidsboende", "korttidsboendet", "korttidshem", "gruppbostad", "gruppbostaden", "servicebostad", "servicebostaden",
        "stödboende", "stödboendet", "hvb", "hvb-hem", "hvb-hemmet", "familjecentral", "familjecentralen", "dagverksamhet",
        "dagverksamheten", "träffpunkt", "fritidshem", "fritids", "särskola", "särskolan", "vårdboende", "demensboende",
    ];

    /// <summary>Heads of two words: "Lyckans daglig verksamhet".</summary>
    private static readonly string[] TwoWordHeads = ["daglig verksamhet", "dagliga verksamheten", "särskilt boende"];

    internal static readonly string[] TwoWordFirsts = ["daglig", "dagliga", "särskilt"];

    /// <summary>Compass words that name a school or a unit with its head: "Östra skolan", "Norra vårdcentralen".</summary>
    private static readonly string[] CompassWords = ["norra", "södra", "östra", "västra"];

    /// <summary>The words a name stands after: "HVB-hem Solgården", "Stiftelsen Solgården".</summary>
    internal static readonly string[] InstitutionKinds = ["hvb-hem", "hvb-hemmet", "stiftelsen", "behandlingshemmet", "familjehemmet", "boendet"];

    private string text => s.Text;
    /// <summary>A named institution starting with the word at [start, end), or null.</summary>
    /// <summary>
    /// A genitive of a given name, or of a word that is no Swedish word, compound, place or surname (a school's name is:
    /// "Björkängens"; so is a name that is also a surname, "Hagabergs äldreboende").
    /// </summary>
    private bool IsPersonsGenitive(ReadOnlySpan<char> word)
    {
        var stem = word[..^1];
        var cls = s.Lexicon.Classify(stem);
        return (cls & WordClass.Given) != 0
            || ((cls & (WordClass.Word | WordClass.Proper | WordClass.Surname)) == 0 && !(stem.Length >= 8 && NameRules.IsCompound(s.Lexicon, stem))
                && !EndsLikePlace(stem));
    }

    /// <summary>The endings of Swedish place names, which are also surnames' ("Hagaberg", "Kvarnbäck", "Solhagen").</summary>
    private static readonly string[] PlaceEndings =
        ["berg", "lund", "holm", "dal", "dahl", "ström", "bäck", "fors", "lid", "liden", "vik", "viken", "ås", "åsen", "näs", "gård", "gården", "backen", "hagen", "ängen", "torp", "by"];

    private static bool EndsLikePlace(ReadOnlySpan<char> stem)
    {
        foreach (var ending in PlaceEndings)
        {
            if (stem.Length >= ending.Length + 3 && EndsWithLower(stem, ending))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Before the word at <paramref name="start"/>: a head and "på"/"vid" ("daglig verksamhet på Hagaberg", "gruppbostad
    /// på Tallåsen"). A head in the definite form right before a name ("skolan Tallåsen") is not enough: hurried notes
    /// run sentences on after it ("ang skolan Holms mamma ringde").
    /// </summary>
    private bool HeadBefore(int start)
    {
        ref readonly var previous = ref s.Previous;
        if (previous.End - previous.Start is not (2 or 3) || !s.OnlySpaces(previous.End, start))
        {
            return false;
        }

        var before = text.AsSpan(previous.Start, previous.End - previous.Start);
        if (before is not ("på" or "vid") || previous.Start < 2 || text[previous.Start - 1] != ' ')
        {
            return false;
        }

        var headStart = s.FirstLetterBefore(previous.Start - 1);
        var head = text.AsSpan(headStart, previous.Start - 1 - headStart);
        return (s.Lexicon.Classify(head) & WordClass.InstitutionHead) != 0 || head is "verksamhet" or "verksamheten";
    }

    public Detection? At(int start, int end, WordClass cls)
    {
        if (!char.IsUpper(text[start]) || (cls & (WordClass.Function | WordClass.Cue)) != 0)
        {
            return null;
        }

        // "HVB-hem Solgården": a kind of home and its name.
        if ((cls & WordClass.InstitutionKind) != 0 && end + 2 < text.Length && text[end] == ' ' && char.IsUpper(text[end + 1]))
        {
            var nameEnd = WordEnd(text, end + 1);
            return nameEnd > end + 2 ? new Detection(IdentifierKind.Institution, start, nameEnd - start, 0.7) : null;
        }

        // "Hertsöskolan": a name and an institution's ending in one word that is no ordinary word ("Grundskolan" is).
        var word = text.AsSpan(start, end - start);
        if ((cls & (WordClass.Word | WordClass.Name)) == 0 && word.Length >= 8)
        {
            foreach (var ending in InstitutionEndings)
            {
                if (word.Length >= ending.Length + 3 && EndsWithLower(word, ending))
                {
                    return new Detection(IdentifierKind.Institution, start, end - start, 0.7);
                }
            }
        }

        // "daglig verksamhet på Hagaberg", "gruppbostad på Ekbacken": a capitalized word mid-sentence after a head and
        // "på"/"vid" is the unit's name (places are often words: "Ekbacken"); a given name, a verb or an acronym is not.
        if (HeadBefore(start) && (cls & (WordClass.Given | WordClass.Organisation | WordClass.Function | WordClass.Verb | WordClass.Cue | WordClass.Contact)) == 0
            && !IsAllCaps(word) && !SentenceStart(text, start))
        {
            return new Detection(IdentifierKind.Institution, start, end - start, 0.7);
        }

        // "Kalix vårdcentral", "Solbackens förskola": a place or a name before a head word ("Ny skola" is no name).
        var genitive = word.Length > 3 && word[^1] == 's'; // "Solbackens förskola": a place's name, though "solbackens" is a word
        var compass = (cls & WordClass.StreetPrefix) != 0 && ShortForms.IsOneOf(word, CompassWords); // "Östra skolan"
        if (end + 2 >= text.Length || text[end] != ' ' || ((cls & (WordClass.Word | WordClass.Proper | WordClass.Name)) == WordClass.Word && !genitive && !compass))
        {
            return null;
        }

        // The next word's classes (kept for when the scan reaches it): is it a head, or the first of a head of two words?
        var headEnd = WordEnd(text, end + 1);
        var head = headEnd > end + 1 ? s.Peek(end + 1, headEnd) : WordClass.None;
        var institutionEnd = -1;
        if ((head & WordClass.InstitutionHead) != 0)
        {
            institutionEnd = headEnd;
        }
        else if ((head & WordClass.InstitutionFirst) != 0)
        {
            // "Lyckans daglig verksamhet": a head of two words.
            var secondEnd = headEnd + 1 < text.Length && text[headEnd] == ' ' ? WordEnd(text, headEnd + 1) : headEnd;
            institutionEnd = secondEnd > headEnd + 1 && ShortForms.IsOneOf(text.AsSpan(end + 1, secondEnd - end - 1), TwoWordHeads) ? secondEnd : -1;
        }

        // "Annas skola", "Zélies förskola": a person's school, not a school's name; the name rules read "Annas".
        return institutionEnd < 0 || (genitive && IsPersonsGenitive(word)) ? null : new Detection(IdentifierKind.Institution, start, institutionEnd - start, 0.7);
    }
}

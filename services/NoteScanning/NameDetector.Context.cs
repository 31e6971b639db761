using static Socialtjanst.NoteScanning.TextShape;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The context the name rules read around a word: what stands right before it, whether a role follows, and the
/// shorthand that is never a name (a cut word, a heading, a dose, an eponym).
/// </summary>
internal readonly partial struct NameDetector
{
    /// <summary>Does a number, an e-mail or an address found, or a closing bracket, stand right before <paramref name="start"/>?</summary>
    private bool AfterIdentifierOrBracket(int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && (text[i] == ')' || (found.Count > 0 && found[^1].Kind != IdentifierKind.Name && found[^1].End == i + 1));
    }

    /// <summary>"GONZALO o BIKASH", "Tuva och Almir": a name, then "o" or "och", then the word at <paramref name="start"/>.</summary>
    private bool AfterNameAndConjunction(int start)
    {
        if (found.Count == 0 || found[^1].Kind != IdentifierKind.Name)
        {
            return false;
        }

        var between = text.AsSpan(found[^1].End, start - found[^1].End);
        return between is " o " or " och " or " O " or " OCH ";
    }

    /// <summary>"kolla m", "hos", "ring", "träffat": the word before is one a person's name is the object of.</summary>
    private bool AfterCompanion()
    {
        if (previous.Start < 0 || previous.IsPlacePreposition)
        {
            return false;
        }

        return PreviousIs("m") || PreviousIs("med") || PreviousIs("hos") || previous.IsContactVerb || (previous.IsWeakCue && (previous.Class & WordClass.Verb) != 0);
    }

    private static readonly string[] Pronouns = ["jag", "du", "han", "hon", "hen", "vi", "ni", "de", "dem", "den", "det", "man", "mig", "dig", "sig", "oss", "honom", "henne"];

    /// <summary>"hon", "han": a personal pronoun, never a name even in brackets after a role ("mamma (hon)").</summary>
    private static bool IsPronoun(ReadOnlySpan<char> word) => word.Length <= 5 && ShortForms.IsOneOf(word, Pronouns);

    /// <summary>"Sol", "Tom": a capital, then lower case only.</summary>
    private static bool IsTitleCase(ReadOnlySpan<char> word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (!char.IsLower(word[i]))
            {
                return false;
            }
        }

        return word.Length > 1 && char.IsUpper(word[0]);
    }

    /// <summary>"(per)": the word at [start, end) stands alone in brackets.</summary>
    private bool InBracketsAfter(int start, int end) => start > 0 && text[start - 1] == '(' && end < text.Length && text[end] == ')';

    /// <summary>"Hans (3 år)": an age in brackets after the word ending at <paramref name="end"/>.</summary>
    private bool AgeFollows(int end) => AgeEnd(end, '(') is var unitEnd and > 0 && unitEnd < text.Length && text[unitEnd] == ')';

    /// <summary>"Yonas, 11 år, placeras": an age after a comma.</summary>
    private bool CommaAgeFollows(int end) => AgeEnd(end, ',') > 0;

    /// <summary>" (3 år" or ", 11 år" after <paramref name="end"/>: where the unit of an age ends, or -1.</summary>
    private int AgeEnd(int end, char lead)
    {
        var i = end;
        var opened = lead == '(' ? i + 1 < text.Length && text[i] == ' ' && text[i + 1] == '(' : i + 1 < text.Length && text[i] == ',' && text[i + 1] == ' ';
        if (!opened || i + 6 > text.Length || !char.IsAsciiDigit(text[i + 2]))
        {
            return -1;
        }

        i += 2;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && i - end < 5)
        {
            i++;
        }

        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }
        else if (lead == ',')
        {
            return -1; // ", 11år" is no age
        }

        var unitEnd = WordEnd(text, i);
        return unitEnd > i && text.AsSpan(i, unitEnd - i) is "år" or "mån" or "månader" or "veckor" ? unitEnd : -1;
    }

    /// <summary>Is the word before <paramref name="word"/> (in any case)?</summary>
    private bool PreviousIs(string word) =>
        previous.Start >= 0 && text.AsSpan(previous.Start, previous.End - previous.Start).Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>"Samordningsansvarig: Pilla." — the field's value ends after this word (a full stop, a comma or the line's end).</summary>
    private bool FieldEndsAfter(int end) => end == text.Length || text[end] is '.' or ',' or '\n' or ';' or '!';

    /// <summary>"Hans Gustafsson": a capitalized word follows after one space.</summary>
    private bool CapitalFollows(int end) => end + 1 < text.Length && text[end] == ' ' && char.IsUpper(text[end + 1]);

    /// <summary>After a particle ("van", "de"): more particles, then a capitalized word ("van den Velde").</summary>
    private bool ParticlesLeadToName(int end)
    {
        for (var i = end; i + 1 < text.Length && text[i] == ' '; )
        {
            if (char.IsUpper(text[i + 1]))
            {
                return true;
            }

            var next = WordEnd(text, i + 1);
            if (next == i + 1 || (lexicon.ClassifyNames(text.AsSpan(i + 1, next - i - 1), out _) & WordClass.Particle) == 0)
            {
                return false;
            }

            i = next;
        }

        return false;
    }


    /// <summary>"Hannes" before "ansökan": the word without its genitive s is a known name.</summary>
    private bool StemIsName(ReadOnlySpan<char> word) =>
        (lexicon.Classify(word[..^1]) & (WordClass.Name | WordClass.Function)) is var stem && (stem & WordClass.Name) != 0 && (stem & WordClass.Function) == 0;

    /// <summary>Does a lower-case noun follow ("Marionas ansökan"), not a verb or a function word ("Hannes är")?</summary>
    private bool NounFollows(int end)
    {
        if (end + 2 >= text.Length || text[end] != ' ' || !char.IsLower(text[end + 1]))
        {
            return false;
        }

        var nextEnd = WordEnd(text, end + 1);
        var next = text.AsSpan(end + 1, nextEnd - end - 1);
        var cls = lexicon.Classify(next);
        return next.Length >= 3 && (cls & (WordClass.Verb | WordClass.Function | WordClass.Particle | WordClass.Cue)) == 0 && lexicon.IsWord(next);
    }

    /// <summary>
    /// "Ros Sand, ssk.", "Björn, pappa": a role or kinship word after a comma follows this word, or the capitalized
    /// word after it — the apposition that says the words before it are a person.
    /// </summary>
    private bool RoleFollows(int end)
    {
        var i = end;
        if (i + 1 < text.Length && text[i] == ' ' && char.IsUpper(text[i + 1]))
        {
            i = WordEnd(text, i + 1);
        }

        if (i + 2 >= text.Length || text[i] != ',' || text[i + 1] != ' ' || !char.IsLetter(text[i + 2]))
        {
            return false;
        }

        var roleEnd = WordEnd(text, i + 2);
        return (lexicon.Classify(text.AsSpan(i + 2, roleEnd - i - 2)) & (WordClass.Cue | WordClass.Kin)) != 0;
    }

    /// <summary>
    /// A shortened word, not a name: cut with a full stop inside a compound or before a colon ("Samordn.nr",
    /// "Soc.sekr", "Övr.:"), a heading's abbreviation before a date ("Hembes. 2025-01-18"), or a month or
    /// weekday written short in lower case ("3 dec", "tor fm") unless a strong cue stands before it.
    /// </summary>
    private bool IsShortForm(ReadOnlySpan<char> word, int start, int end, bool upper)
    {
        if (!upper && !previous.IsStrongCue && ShortForms.IsCalendarAbbreviation(word))
        {
            return true;
        }

        if (end + 1 >= text.Length || text[end] != '.')
        {
            return false;
        }

        var next = text[end + 1];
        if (next == ':' || char.IsLetterOrDigit(next))
        {
            return true;
        }

        var i = end + 1;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i < text.Length && char.IsAsciiDigit(text[i]) && SentenceStart(text, start);
    }

    /// <summary>"Concerta 36 mg", "Melatonin 3 mg", "Theralen 5 droppar": a medicine before its dose.</summary>
    private bool FollowedByDose(int end)
    {
        var i = end;
        if (i + 2 >= text.Length || text[i] != ' ' || !char.IsAsciiDigit(text[i + 1]))
        {
            return false;
        }

        i++;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] is ',' or '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
        {
            i++;
        }

        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var unitEnd = WordEnd(text, i);
        return unitEnd > i && ShortForms.IsDoseUnit(text.AsSpan(i, unitEnd - i));
    }

    /// <summary>
    /// "Downs syndrom", "Crohns sjukdom": a genitive before a medical word names a condition, not a person. Before any head
    /// but "syndrom" a given name stays a person's ("Kerstins sjukdom", "Lars diagnos", "Mats test"): the conditions named
    /// so are after surnames ("Parkinsons", "Alzheimers"); "Williams syndrom" and "Turners syndrom" keep their head.
    /// </summary>
    private bool IsEponym(ReadOnlySpan<char> word, int end)
    {
        if (word.Length < 4 || word[^1] != 's' || end + 2 >= text.Length || text[end] != ' ')
        {
            return false;
        }

        var nextEnd = WordEnd(text, end + 1);
        var head = text.AsSpan(end + 1, nextEnd - end - 1);
        return ShortForms.IsMedicalHead(head)
            && (ShortForms.IsSyndrome(head) || !(lexicon.IsGivenName(word) || lexicon.IsGivenName(word[..^1])));
    }

    /// <summary>
    /// "skolan", "mamman", "boendet", "föräldrarna", "mötena": a noun in the definite form, not a name. The ending alone
    /// does not make one: the word without its article must be a word too ("skola" of "skolan", "bil" of "bilen", "hus"
    /// of "huset", "möte" and "föräldrar" of "mötena" and "föräldrarna"), so "Stjärna" and "Ellen" are not definite forms.
    /// </summary>
    private bool IsDefiniteForm(ReadOnlySpan<char> word)
    {
        if (word.Length < 4)
        {
            return false;
        }

        if (word.EndsWith("na", StringComparison.Ordinal))
        {
            return lexicon.IsWord(word[..^2]);
        }

        return (word.EndsWith("en", StringComparison.Ordinal) || word.EndsWith("an", StringComparison.Ordinal) || word.EndsWith("et", StringComparison.Ordinal))
            && (lexicon.IsWord(word[..^1]) || lexicon.IsWord(word[..^2]));
    }

    /// <summary>After "och" at <paramref name="at"/>: a companion in the definite form ("maken") or after a possessive ("hennes dotter").</summary>
    private bool CompanionAt(int at)
    {
        var i = WordAfter(at);
        if (i < 0 || !char.IsLower(text[i]))
        {
            return false;
        }

        var first = text.AsSpan(i, WordEnd(text, i) - i);
        if (NameRules.IsCompanion(first))
        {
            return true;
        }

        var j = WordAfter(i + first.Length);
        return NameRules.IsPossessive(first) && j == i + first.Length + 1 && char.IsLower(text[j])
            && NameRules.IsPersonKin(text.AsSpan(j, WordEnd(text, j) - j));
    }

    /// <summary>Where the word after the spaces at <paramref name="end"/> starts: -1 when no space or no letter is there.</summary>
    private int WordAfter(int end)
    {
        var i = end;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i == end || i >= text.Length || !char.IsLetter(text[i]) ? -1 : i;
    }

    /// <summary>A municipality's name, or its genitive, that no name list holds ("Luleå", "Luleås"; not "Mora", also a surname).</summary>
    private bool IsTown(ReadOnlySpan<char> word, WordClass cls) =>
        (cls & (WordClass.Town | WordClass.Name)) == WordClass.Town
        || (word.Length > 3 && word[^1] == 's' && (cls & WordClass.Name) == 0 && (lexicon.Classify(word[..^1]) & (WordClass.Town | WordClass.Name)) == WordClass.Town);

    private WordClass PeekFull(int start, ReadOnlySpan<char> word)
    {
        var cls = s.Peek(start, start + word.Length);
        return lexicon.IsWordHash(ahead.Hash) ? cls | WordClass.Word : cls;
    }

    private bool IsNameAt(int end, bool upperOnly)
    {
        var i = WordAfter(end);
        if (i < 0)
        {
            return false;
        }

        var next = text.AsSpan(i, WordEnd(text, i) - i);
        if (next.Length < 2 || !NameRules.HasVowel(next))
        {
            return false;
        }

        var cls = PeekFull(i, next);
        if (!char.IsUpper(next[0]) && (upperOnly || (cls & WordClass.Name) == 0 && (cls & WordClass.Word) != 0))
        {
            return false;
        }

        if ((cls & WordClass.Name) == 0 && (Streets.HasStreetSuffix(next) || Streets.IsStreetWord(next)))
        {
            return false; // "Bor Nygatan 54": a street, not a name
        }

        var evidence = NameRules.Read(lexicon, next, cls);
        (ahead.EvidenceAt, ahead.Evidence) = (i, evidence);
        if (evidence.Listed || (char.IsUpper(next[0]) && IsTown(next, cls)))
        {
            return false; // "ICA Maxi"; "Kalix och Haparanda": a municipality no name list holds is no name beside another
        }

        if (IsAllCaps(next))
        {
            return evidence.KnownName || (next.Length >= 4 && !evidence.Word);
        }

        if (char.IsUpper(next[0]))
        {
            return evidence.KnownName || !evidence.Word;
        }

        return !evidence.Word && (evidence.KnownName || evidence.Shape || next.Length >= 3);
    }
}

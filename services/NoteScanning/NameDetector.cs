using static Socialtjanst.NoteScanning.Streets;
using static Socialtjanst.NoteScanning.TextShape;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The name detector: what a word is (its evidence from the lexicon and its shape), scored by where it stands — the
/// word before, the word after, a field's colon, a sentence's start (docs/note-review.md). 0 is no name.
/// </summary>
internal readonly partial struct NameDetector(ScanState s)
{
    private string text => s.Text;

    private List<Detection> found => s.Found;

    private ref readonly PreviousWord previous => ref s.Previous;

    private Lexicon lexicon => s.Lexicon;

    private ref LookAhead ahead => ref s.Ahead;

    private bool PreviousIsName(int start) => s.PreviousIsName(start);

    private bool ColonGenitive(int end) => s.ColonGenitive(end);

    private int FirstLetterBefore(int end) => s.FirstLetterBefore(end);
    public double Score(ReadOnlySpan<char> word, int start, int end, WordClass cls)
    {
        var upper = char.IsUpper(word[0]);
        var afterName = PreviousIsName(start);
        if (afterName && !upper && (cls & WordClass.Particle) != 0 && ParticlesLeadToName(end))
        {
            return 0.6; // "Joy van Zwaben", "M. van den Velde", "Ana da Silva": a particle between parts of one name
        }

        if (!upper && (cls & WordClass.Name) == 0 && !afterName && !previous.IsAnyCue)
        {
            return 0; // the common case: a lower-case word that is no known name, with no name or cue before it
        }

        if (!upper && (cls & WordClass.Name) == 0 && ((cls & (WordClass.Function | WordClass.Organisation)) != 0 || ((cls & WordClass.Word) != 0 && !previous.ToSomeone))
            && word.IndexOf('-') < 0)
        {
            return 0; // "och bokade", "med vårdnadshavaren": a lower-case word or closed-list word no name list holds, not after "ringde till"
        }

        if (word.Length < 2 || (word.Length == 2 && !upper && !NameRules.HasForeignLetter(word) && !previous.IsAnyCue) || !NameRules.HasVowel(word))
        {
            return 0; // "Dnr", "ssk": abbreviations
        }

        if (IsShortForm(word, start, end, upper) || ShortForms.IsMixedCaseAcronym(word) || FollowedByDose(end) || IsEponym(word, end))
        {
            return 0; // "Samordn.nr", "Hembes. 2025-01-18", "BoU", "tor fm", "Concerta 36 mg", "Downs syndrom"
        }

        if (upper && IsTown(word, cls) && !InBracketsAfter(start, end) && !previous.IsCue && !AfterCompanion() && !PreviousIsName(start) && Next(end) != Following.Name)
        {
            // "Stockholm är för dyrt", "Luleå och Boden", "Luleås socialtjänst": a municipality no name list holds, where no
            // person's cue stands before it ("bor hos Vilhelmina") and no name beside it ("Iminathi Motala")
            return 0;
        }

        var evidence = start == ahead.EvidenceAt ? ahead.Evidence : NameRules.Read(lexicon, word, cls);
        // A function word ("Hans", "Man") is a name only capitalized in brackets or right after a role: "moster Hans".
        var roleBefore = upper && (cls & WordClass.Organisation) == 0
            && ((previous.IsCue && !previous.IsWeakCue && !SentenceStart(text, start)) || (previous.IsField(text) && (Next(end) == Following.Name || FieldEndsAfter(end)))); // "Från: Hans Jensen", "Hej Hans!"
        if (evidence.Listed && !roleBefore && !NameAnyway(word, start, end, cls, evidence, upper))
        {
            return 0;
        }

        if (evidence.Listed)
        {
            evidence = evidence with { KnownName = (cls & WordClass.Name) != 0 }; // "Hans Danielsson kom": admitted as a name, it is the known name it is
        }

        var confidence = NameConfidence(word, start, end, cls, evidence, upper, afterName);
        return confidence > 0 && !evidence.KnownName && (HasStreetSuffix(word) || IsStreetWord(word)) ? 0 : confidence; // "Storgatan är avstängd"
    }

    /// <summary>"mormor (per)", "Hans (3 år)", "med Hans Andersson": a name that is also a function word, where only a name stands.</summary>
    private bool NameAnyway(ReadOnlySpan<char> word, int start, int end, WordClass cls, NameRules.Evidence evidence, bool upper) =>
        (upper || InBracketsAfter(start, end)) // every case below needs a capital or brackets: most function words are neither
        && ((upper && (cls & WordClass.Name) != 0 && IsTitleCase(word) && AfterCompanion() && (cls & WordClass.Function) == 0) // "hos Tom": not "TOM"
        || ((cls & WordClass.Organisation) == 0 && !IsPronoun(word)
        && ((previous.IsCue && InBracketsAfter(start, end) && (upper || evidence.KnownName)) || (upper && AgeFollows(end))
            || (upper && (cls & WordClass.Name) != 0 && Next(end) == Following.Name && (!SentenceStart(text, start) || CapitalFollows(end)))))); // "Hans Andersson": the name lists hold it (a listed word's evidence never says so)

    private double NameConfidence(ReadOnlySpan<char> word, int start, int end, WordClass cls, NameRules.Evidence evidence, bool upper, bool afterName)
    {
        if (previous.IsCue && InBracketsAfter(start, end) && (cls & WordClass.Organisation) == 0 && evidence.KnownName && !IsPronoun(word))
        {
            return 0.8; // "farfar (per)", "mamma (lena)": a role, then the person's name in brackets, in any case
        }

        if (evidence.Listed && upper && (cls & (WordClass.Name | WordClass.Function)) is var listed && (listed & WordClass.Function) == 0 && (listed & WordClass.Name) != 0
            && IsTitleCase(word) && AfterCompanion())
        {
            return 0.7; // "fika m Tom": a given name the closed lists also hold as an abbreviation ("t.o.m."), written as a name
        }

        if (char.IsUpper(word[0]) && AgeFollows(end) && (cls & WordClass.Organisation) == 0)
        {
            return 0.85; // "Hans (3 år)", "Dan (16 år)": a word with an age after it is a person
        }

        if (char.IsUpper(word[0]) && CommaAgeFollows(end) && (cls & WordClass.Organisation) == 0 && (!evidence.Word || evidence.KnownName))
        {
            return 0.85; // "Yonas, 11 år, placeras": an age after a comma; an ordinary word there is not ("Huset, 40 år gammalt")
        }

        if (!afterName && ((cls & WordClass.Cue) != 0 || ((cls & WordClass.Verb) != 0 && !VerbAsName(word, start) && Next(end) != Following.Name)))
        {
            return 0; // "Barnet Rami", "Pojken kallas": a role before a name; "Bor Storgatan 4": a verb
        }

        if (IsAllCaps(word))
        {
            // "SJÖGREN", "ALI": known names, a name's neighbour, or a long unknown word shaped like a surname or
            // after a person's cue ("antecknat av TEHRANI"); other capitals are acronyms (BUP, LSS, AUDIT).
            var unknownLong = word.Length >= 4 && !evidence.Word && (evidence.Shape || previous.IsCue || previous.IsWeakCue || previous.IsAv);
            // After a name in capitals, a capitalized word too ("BASSEL NASSAR"), unless it is a verb or a cue.
            // So is one after a name in capitals and "o"/"och" ("GONZALO o BIKASH").
            var besideName = (afterName || AfterNameAndConjunction(start)) && IsAllCaps(text.AsSpan(found[^1].Start, found[^1].Length))
                && (cls & (WordClass.Verb | WordClass.Cue)) == 0;
            return evidence.KnownName || unknownLong || besideName || ((afterName || Next(end) == Following.Name) && word.Length >= 3 && !evidence.Word) ? 0.85 : 0;
        }

        if (upper)
        {
            // A line often goes on after a number, an address or a bracket without a full stop: "(asylsökande) Post till …".
            var sentenceStart = SentenceStart(text, start) || (evidence.Word && AfterIdentifierOrBracket(start));
            Following? following = null;
            var colonGenitive = ColonGenitive(end);
            Following Ahead(NameDetector rules) => following ??= rules.Next(colonGenitive ? end + 2 : end);
            var genitive = (word.Length > 3 && word[^1] is 's' or 'x' or 'z') || colonGenitive;
            if (previous.IsCue && start > 0 && text[start - 1] == '(' && end < text.Length && text[end] == ')' && (cls & WordClass.Organisation) == 0)
            {
                return 0.8; // "Modern (Klara)", "pappan (Hans)": a role, then the person's name in brackets
            }

            if (previous.IsField(text) && !afterName)
            {
                // "Samordningsansvarig: Gasull", "Från: Mani Visalyaputra": a role or a form field, its colon, a person;
                // an ordinary word or a place there is the field's text ("Handläggare: Ärendet …", "Från: Kalix kommun").
                // After a role a proper noun is a person too, and so is an ordinary word that is the field's whole value ("Samordningsansvarig: Pilla.").
                // A greeting is said to a person: a proper noun or a word ending the greeting is one ("Hej Isolde!", "Hej Rena!").
                var greeting = (previous.Class & WordClass.Greeting) != 0;
                var role = (previous.Class & WordClass.Cue) != 0 || greeting;
                var person = evidence.KnownName || (!evidence.Word && (!evidence.Proper || role)) || (role && FieldEndsAfter(end) && (greeting || !IsDefiniteForm(word)))
                    || Ahead(this) == Following.Name;
                return person && (cls & WordClass.Organisation) == 0 && Ahead(this) != Following.Place ? 0.8 : 0;
            }

            if (evidence.Word && !evidence.KnownName && !evidence.Proper && sentenceStart && !genitive)
            {
                return previous.IsStrongCue ? 0.6 : 0; // "Samtal", "Mående": an ordinary word starting a sentence
            }

            if (genitive && Ahead(this) == Following.Kin)
            {
                return 0.85; // "Karls pappa", "Sjögrens mamma"
            }

            if (word[^1] == 's' && word.Length > 3 && sentenceStart && !colonGenitive && (!evidence.Word || StemIsName(word)) && NounFollows(end))
            {
                return 0.65; // "Marionas ansökan", "Hannes pärm": a person's genitive before a thing of theirs
            }

            if ((!evidence.Word || evidence.KnownName || evidence.Proper) && BracketFollows(end) && Ahead(this) == Following.Role)
            {
                return 0.8; // "Asad (mamma)", "Tarik (styvpappa)"
            }

            if (!sentenceStart)
            {
                if (previous.IsListed && !afterName && s.OnlySpaces(previous.End, start))
                {
                    return 0; // "Region Norrbotten", "ICA Maxi": an organisation's name (not after "(soc.sekr), ")
                }

                if (evidence.KnownName)
                {
                    // "bor i Lund", "flyttat från Sala": a surname that is also a place is the place after a place preposition.
                    return previous.IsPlacePreposition && !previous.ToSomeone && evidence.Proper && (cls & WordClass.Given) == 0 && !RoleFollows(end) ? 0 : 0.9;
                }

                var context = afterName || previous.IsCue || Ahead(this) == Following.Name;
                if (evidence.Proper)
                {
                    // A dictionary proper noun is a name or a place: "i Kalix", "till Luleå", "Kalix kommun" are places.
                    return evidence.Shape || context ? 0.75
                        : previous.IsPlacePreposition || previous.IsTill || Ahead(this) == Following.Place || (word.Length >= 8 && NameRules.IsCompound(lexicon, word)) ? 0 : 0.65;
                }

                if (evidence.Word)
                {
                    // "Kontakt med Ros Sand, ssk."; "kolla m Lärka", "hos Ville": a capital mid-sentence after "m"/"hos".
                    var afterWeakCue = (evidence.KnownName || !PreviousIs("med"))
                        && AfterCompanion() && !IsDefiniteForm(word) && (cls & (WordClass.Organisation | WordClass.PlaceWord)) == 0;
                    return context || afterWeakCue || RoleFollows(end) ? 0.7 : 0;
                }

                if ((previous.IsPlacePreposition || (word.Length >= 8 && NameRules.IsCompound(lexicon, word))) && !evidence.Shape && !context)
                {
                    return 0; // "i Gällivare", "Familjecentralen"
                }

                return previous.IsWeakCue || afterName ? 0.8 : 0.7;
            }

            if (evidence.KnownName && !evidence.Word)
            {
                return 0.85;
            }

            var subject = previous.IsStrongCue || Ahead(this) is Following.Name or Following.Verb or Following.Companion;
            if (evidence.KnownName || evidence.Proper)
            {
                return evidence.Shape || subject ? 0.75 : 0;
            }

            if (!evidence.Word)
            {
                return evidence.Shape || (subject && !(word.Length >= 8 && NameRules.IsCompound(lexicon, word))) ? 0.6 : 0;
            }

            return previous.IsStrongCue ? 0.6 : 0;
        }

        // Lower case: "samtal m frida henriksson", "hos yonas berhe".
        if ((cls & WordClass.Particle) != 0)
        {
            return 0;
        }

        if (evidence.KnownName && !evidence.Word && (word.Length >= 3 || previous.IsAnyCue))
        {
            return 0.75;
        }

        if (evidence.KnownName)
        {
            var lowerName = (afterName || AfterNameAndConjunction(start)) && !char.IsUpper(text[found[^1].Start]); // "kerstin berggren", "gunnar o britt"
            return lowerName || previous.IsStrongCue || (previous.IsAnyCue && Next(end) == Following.Name)
                || ((previous.ToSomeone || previous.IsContactVerb || (AfterCompanion() && !PreviousIs("med"))) && (cls & (WordClass.Cue | WordClass.Kin | WordClass.Function | WordClass.Organisation)) == 0 && !IsDefiniteForm(word))
                ? 0.6 : 0; // "kerstin berggren", "sms till max", "ring mats"
        }

        if (evidence.Word)
        {
            // "sms till max", "ringde till nia": after a message "till" a person follows; a word there that is no noun
            // in the definite form ("skolan", "mamman") and no role is taken as the person's name.
            return previous.ToSomeone && word.Length >= 3 && (cls & (WordClass.Cue | WordClass.Kin | WordClass.Function | WordClass.Organisation)) == 0
                && !IsDefiniteForm(word) ? 0.55 : 0;
        }

        if (afterName)
        {
            return evidence.Shape || word.Length < 10 || !NameRules.IsCompound(lexicon, word) ? 0.6 : 0; // "kurt hägglund", "senait berhane"
        }

        if (word.Length >= 8 && NameRules.IsCompound(lexicon, word))
        {
            return 0;
        }

        // After a cue, two unknown words together, or one shaped like a name: "m yonas berhe"; one unknown word
        // that is no Swedish word at all is a name there too ("ringt hiba ang. skolan").
        return previous.IsAnyCue && (evidence.Shape || Next(end) == Following.Name) ? 0.6 : previous.IsAnyCue && word.Length >= 3 ? 0.55 : 0;
    }

    /// <summary>"Mentor Ville har", "hos Ville": a capitalized verb after a role, or mid-sentence after "hos", is a name.</summary>
    private bool VerbAsName(ReadOnlySpan<char> word, int start) =>
        char.IsUpper(word[0]) && ((previous.IsCue && !previous.IsWeakCue) || AfterCompanion()) && !SentenceStart(text, start);

    /// <summary>Does "(" follow after spaces? A cheap test before the look-ahead for "Asad (mamma)".</summary>
    private bool BracketFollows(int end)
    {
        var i = end;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i < text.Length && text[i] == '(';
    }

    /// <summary>What the next word on the line is, as the context rules need it.</summary>
    private enum Following
    {
        Other,
        Name,
        Verb,
        Kin,
        Place,
        Role,
        /// <summary>"och maken", "o hennes son": the word before "och" is a person with someone of theirs.</summary>
        Companion,
    }

    /// <summary>
    /// The next word: a name ("Sten Ek", "Per Hodžić", "Tuva och Almir", "yonas berhe"), a finite verb
    /// ("Linda berättar": a subject), a kinship or role word ("Karls pappa", "Asad (mamma)"), a place word
    /// ("Kalix kommun"), or anything else. The next word's classes are kept for when the scan reaches it.
    /// </summary>
    private Following Next(int end)
    {
        var i = end;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (i < text.Length - 1 && i > end && text[i] == '(' && char.IsLetter(text[i + 1]))
        {
            var roleEnd = WordEnd(text, i + 1);
            return NameRules.IsKinOrRole(lexicon, text.AsSpan(i + 1, roleEnd - i - 1)) ? Following.Role : Following.Other;
        }

        if (i == end || i >= text.Length || !char.IsLetter(text[i]))
        {
            return Following.Other;
        }

        var nextEnd = WordEnd(text, i);
        var next = text.AsSpan(i, nextEnd - i);
        var cls = s.Peek(i, i + next.Length);
        if ((next.Equals("och", StringComparison.Ordinal) || next.Equals("o", StringComparison.Ordinal)) && char.IsUpper(text[FirstLetterBefore(end)]))
        {
            return IsNameAt(nextEnd, upperOnly: true) ? Following.Name // "Tuva och Almir"
                : CompanionAt(nextEnd) ? Following.Companion : Following.Other; // "Gösta och maken", "Senait o hennes son"
        }

        if ((cls & WordClass.Verb) != 0)
        {
            return Following.Verb;
        }

        if ((cls & WordClass.Kin) != 0 || ((cls & (WordClass.Word | WordClass.Cue)) == WordClass.Word && NameRules.EndsInKin(next)))
        {
            return Following.Kin; // "Karls pappa", "Prisanas fostermamma"
        }

        if ((cls & WordClass.PlaceWord) != 0)
        {
            return Following.Place;
        }

        return IsNameAt(end, upperOnly: false) ? Following.Name : Following.Other;
    }
}

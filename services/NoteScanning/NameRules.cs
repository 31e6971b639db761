namespace Socialtjanst.NoteScanning;

/// <summary>
/// What a word looks like to the name detector: the evidence of the lexicon, of the name data and of
/// the word's own shape. A name is found by what it is (not an ordinary Swedish word; a known name;
/// a surname's morphology; letters Swedish words do not use), then confirmed by where it stands
/// (mid-sentence capital, beside another name, after a kinship or role word). The rules and their
/// reasons are in docs/note-review.md.
/// </summary>
public static partial class NameRules
{
    /// <summary>Surname endings of Swedish, Finnish (Tornedalen), Slavic, Turkish, Persian and Armenian names.</summary>
    private static readonly string[] SurnameEndings =
    [
        "sson", "son", "dotter", "qvist", "kvist", "quist", "gren", "ström", "berg", "lund", "holm", "dahl", "blad", "blom",
        "bäck", "fors", "lind", "löf", "mark", "man", "stedt", "ander", "ius", "ell",
        "ić", "vic", "ović", "ević", "oğlu", "oglu", "ski", "cki", "ska", "cka", "wicz", "czyk", "czak", "enko", "chuk", "czuk",
        "nen", "talo", "vaara", "niemi", "mäki", "oja", "järvi", "koski", "lahti", "salo", "kangas", "zadeh", "zada", "pour",
        "yan", "ian", "ov", "ova", "ev", "eva", "ini", "ani", "aj",
    ];

    /// <summary>Words after which the next word is a person: kinship, roles, "heter", "kallad", "närvarande".</summary>
    private static readonly string[] Cues =
    [
        "mamma", "mamman", "pappa", "pappan", "mor", "modern", "far", "fadern", "mormor", "morfar", "farmor", "farfar",
        "bror", "brodern", "brorsan", "syster", "systern", "syrran", "son", "sonen", "dotter", "dottern", "barnet", "pojken",
        "flickan", "klienten", "brukaren", "patienten", "eleven", "ungdomen", "kontaktperson", "kontaktpersonen",
        "handläggare", "handläggaren", "heter", "hette", "kallad", "kallas", "kallade", "närvarande", "deltagare",
        "antecknat", "antecknad", "fru", "herr", "dr", "doktor", "ssk", "kurator", "kuratorn", "lärare", "läraren",
        "mentor", "mentorn", "rektor", "rektorn", "sambo", "sambon", "pojkvän", "pojkvännen", "flickvän", "flickvännen",
        "make", "maken", "maka", "makan", "grannen", "vännen", "kompisen", "socialsekreterare", "socialsekreteraren",
        "familjebehandlare", "familjebehandlaren", "boendestödjare", "boendestödjaren", "styvpappa", "styvmamma",
        "bonuspappa", "bonusmamma", "faster", "moster", "farbror", "morbror", "kusin", "kusinen", "vårdnadshavare",
        "vårdnadshavaren", "namn", "namnet", "tolk", "tolken", "psykolog", "psykologen", "läkare", "läkaren",
        "sjuksköterska", "sjuksköterskan", "partner", "partnern", "halvbror", "halvsyster", "storebror", "lillebror",
        "storasyster", "lillasyster", "barnen", "syskon", "syskonen", "klient", "brukare", "patient", "ombud", "ombudet", "sökande",
        "anmälare", "anmälaren", "elev", "barn", "kontaktman", "kontaktmannen", "samordningsansvarig", "ansvarig", "jourhavande",
        "avsändare", "mottagare", "mannen", "frun",
    ];

    /// <summary>Cues strong enough to make an ordinary word a name ("mamma Liv", "heter Sten").</summary>
    private static readonly string[] StrongCues =
    [
        "heter", "hette", "kallad", "kallas", "kallade", "närvarande", "fru", "herr", "dr", "doktor",
    ];

    /// <summary>Prepositions before a place: "i Luleå", "från Haparanda".</summary>
    private static readonly string[] PlacePrepositions =
    [
        "i", "från", "mot", "vid", "utanför", "nära", "via", "genom", "inom", "ur", "runt", "norr", "söder", "öster", "väster",
    ];

    /// <summary>Capitalized words that are services, agencies and tools, not people.</summary>
    /// <summary>
    /// Capitalized words that are services, agencies, brands and tools, not people; a capitalized word right after one of
    /// them is its name, not a person's ("Region Norrbotten", "ICA Maxi", "Tabl Alvedon").
    /// </summary>
    private static readonly string[] NotNames =
    [
        "teams", "zoom", "skype", "facebook", "instagram", "snapchat", "tiktok", "whatsapp", "messenger", "google", "youtube",
        "swish", "bankid", "ica", "coop", "lidl", "willys", "hemköp", "komvux", "autism", "covid", "netflix", "spotify", "discord", "telia",
        "vårdcentralen", "akuten", "polisen", "region", "kommun", "kommunen",
        "swedbank", "nordea", "handelsbanken", "länsförsäkringar", "sparbanken", "skandiabanken", "icabanken", "klarna", "avanza",
        "nordnet", "volvo", "toyota", "audi", "bmw", "skoda", "volkswagen", "hyundai", "subaru", "nissan", "mazda", "opel", "sos", "svt",
        "fortnite", "roblox", "minecraft", "steam", "xbox", "playstation", "twitch", "reddit", "telegram", "kik", "twitter",
        "tom", "fr", "tv", "pc", "it", "id", "ab", "hb", "kb", "vb", "tabl", "medicinering",
    ];

    /// <summary>
    /// Caseworkers' shorthand, calendar words, message and heading words: never a name, and unlike <see cref="NotNames"/>
    /// they say nothing of the word after them. A note often starts a line with one written without its full stop, and a
    /// person follows: "Enl Kerstin har hon ramlat", "Ang Lars: ny tid", "Sms Anna om tiden", "Fredag Omar kom hem".
    /// </summary>
    private static readonly string[] ShorthandWords =
    [
        "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december",
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "jul", "påsk", "midsommar",
        "ok", "mvh", "pga", "ang", "enl", "bl", "ev", "tel", "tfn", "ca", "dvs", "mm", "osv", "etc", "inkl", "exkl", "resp",
        "obs", "ps", "nb", "ffa", "tex", "mha", "sms", "mejl", "mail", "epost", "nej", "ja", "hej", "tack",
        "ant", "anteckn", "hembes", "samordn", "övr", "uppf", "utr", "orosanm", "bed", "besl", "akt", "samv", "handl", "soc", "sekr", "bist",
        "fm", "em", "re", "fwd", "fw", "aktualisering", "återkoppling", "fam",
    ];

    /// <summary>Swedish function words (a closed class): never a name, whatever the name data says ("Vi ringde", "Han har", "Inga nya").</summary>
    private static readonly string[] FunctionWords =
    [
        "jag", "du", "han", "hon", "hen", "vi", "ni", "de", "dem", "den", "det", "man", "mig", "dig", "sig", "oss", "er", "honom", "henne",
        "min", "mitt", "mina", "din", "ditt", "dina", "sin", "sitt", "sina", "vår", "vårt", "våra", "er", "ert", "era", "hans", "hennes",
        "deras", "en", "ett", "som", "och", "men", "att", "när", "där", "här", "så", "nu", "då", "inte", "ej", "alla", "allt", "inga",
        "ingen", "inget", "någon", "något", "några", "vem", "vad", "vilken", "vilket", "vilka", "hur", "varför", "om", "på", "i", "av",
        "för", "med", "till", "från", "hos", "efter", "innan", "under", "över", "mellan", "utan", "mot", "vid", "sedan", "också", "även",
        "bara", "redan", "ännu", "idag", "igår", "imorgon", "ska", "kan", "vill", "har", "var", "är", "blir", "kommer", "denna", "detta",
        "dessa", "samma", "andra", "annan", "annat", "varje", "båda", "både", "eller", "utan", "dock", "ju", "väl", "visst", "kanske",
        "enligt", "ang", "angående", "gällande", "samt", "ca", "cirka", "mycket", "lite", "mer", "mest", "mindre", "minst", "ja", "nej",
    ];

    /// <summary>A word's evidence, from the lexicon and its shape.</summary>
    public readonly record struct Evidence(bool Word, bool KnownName, bool Proper, bool Shape, bool Listed);

    /// <summary>Words after which a lower-case run of unknown words is a name: "samtal m yonas berhe", "hos amira".</summary>
    private static readonly string[] WeakCues =
        ["m", "med", "hos", "mellan", "enligt", "enl", "och", "ang", "från", "ringt", "ringde", "träffat", "träffade", "mejlat", "kontaktat", "besökt", "pratat", "sms:at", "smsat",
         "ring", "ringa", "kontakta", "mejla", "messa", "sms:a", "påminn"];

    /// <summary>Verbs whose object is the person contacted: "ring mats", "kontakta kaja" (a name that is also a word).</summary>
    private static readonly string[] ContactVerbs = ["ring", "ringa", "kontakta", "mejla", "messa", "sms:a", "påminn"];

    /// <summary>A greeting or a closing a person's name follows without a colon: "Hej Kristina!", "Vänliga hälsningar\nHans Larsson".</summary>
    private static readonly string[] Greetings = ["hej", "hejsan", "hallå", "kära", "bästa", "hälsningar", "hälsning", "mvh"];

    /// <summary>Form fields a person's name follows after a colon: "Från: Hans Jensen", "Kopia: …".</summary>
    private static readonly string[] Fields = ["från", "till", "kopia", "avsändare", "mottagare", "namn", "kontakt"];

    /// <summary>Finite verbs a note's subject takes: "Linda berättar", "Bo var med", "Sten ringde".</summary>
    private static readonly string[] FiniteVerbs =
    [
        "är", "var", "har", "hade", "kom", "kommer", "säger", "sa", "sade", "berättar", "berättade", "uppger", "uppgav", "vill", "ville",
        "ska", "skulle", "kan", "kunde", "tycker", "tyckte", "mår", "mådde", "bor", "bodde", "går", "gick", "ringde", "ringer", "får",
        "fick", "träffade", "träffar", "önskar", "önskade", "behöver", "behövde", "beskriver", "beskrev", "verkar", "verkade", "känner",
        "kände", "deltog", "deltar", "uttrycker", "uttryckte", "menar", "menade", "svarar", "svarade", "undrar", "undrade", "hämtar",
        "hämtade", "lämnar", "lämnade", "skickade", "skickar", "mejlade", "sms:ade", "arbetar", "jobbar", "studerar", "sover", "sov",
        "äter", "åt", "gråter", "grät", "skrattar", "vägrar", "vägrade", "nekar", "nekade", "bekräftar", "bekräftade", "meddelar",
        "meddelade", "förklarar", "förklarade", "frågar", "frågade", "visar", "visade", "saknar", "saknade", "hör", "hörde", "ser", "såg",
        "stannar", "stannade", "flyttar", "flyttade", "slutar", "slutade", "börjar", "började", "hade", "blev", "blir", "brukar", "måste",
        "gillar", "gillade", "hoppas", "hoppades", "minns", "glömde", "glömmer", "avbokade", "avbokar", "uteblev", "uteblir", "närvarade",
        "dök", "ringt", "återkommer", "återkom", "kontaktar", "kontaktade", "besöker", "besökte", "kallar", "bokar", "bokade",
        "ordnar", "ordnade", "ansvarar", "ansvarade", "tar", "tog", "ger", "gav", "gör", "gjorde", "håller", "höll", "följer",
        "följde", "informerar", "informerade", "samordnar", "samordnade", "sköter", "skötte", "hjälper", "hjälpte",
    ];

    /// <summary>Words after a place's name: "Kalix kommun", "Göteborgs stad".</summary>
    private static readonly string[] PlaceWords = ["kommun", "kommuns", "kommunen", "stad", "stads", "län", "centrum", "region"];

    /// <summary>Words of talking and writing to someone: "ringde till", "mejl till", "sa till".</summary>
    private static readonly string[] Messages =
    [
        "ringde", "ringer", "ring", "telefon", "telefonsamtal", "samtal", "mejl", "mejlade", "mail", "sms", "brev", "skrev", "skriver",
        "skickade", "skickar", "sa", "sade", "säger", "berättade", "svarade", "meddelade",
        "återkoppling", "besked", "svar", "kallelse", "påminnelse", "meddelande", "inbjudan",
    ];

    private static readonly string[] AddressCues = ["på", "adress", "adressen", "hemadress", "adr", "postadress", "besöksadress", "gatuadress", "bor", "boende"];

    private static readonly string[] PhoneCues =
        ["tel", "telefon", "telefonnummer", "telnr", "mobil", "mobilnummer", "mobilnr", "mobilen", "mob", "tfn", "ring", "sms", "nr", "nummer", "numret", "nås"];

    private static readonly string[] IdentityCues =
        ["pnr", "snr", "samordn", "pers", "personnummer", "personnumret", "personnr", "samordningsnummer", "samordningsnumret", "samordningsnr", "födelsenummer", "födelsenr", "id"];

    private static readonly string[] StreetPrefixes =
        ["norra", "södra", "östra", "västra", "lilla", "stora", "gamla", "nya", "övre", "nedre", "inre", "yttre", "undre", "mellersta", "n", "s", "ö", "v", "st", "l", "g", "sankt"];

    private static readonly string[] Particles = ["van", "von", "der", "den", "del", "della", "dos", "das", "bin", "ibn", "af", "av", "ben", "abu", "de", "da", "di", "du", "ter", "le", "la"];

    /// <summary>Every closed list above with the class it gives a word, for the lexicon's one table.</summary>
    internal static IEnumerable<(string Word, WordClass Class)> Classes()
    {
        foreach (var (list, cls) in new (string[], WordClass)[]
        {
            (Cues, WordClass.Cue), (Partners.Select(p => "ex" + p).ToArray(), WordClass.Cue | WordClass.Kin), (StrongCues, WordClass.StrongCue | WordClass.Cue), (PlacePrepositions, WordClass.PlacePreposition),
            (NotNames, WordClass.Organisation), (ShorthandWords, WordClass.Organisation | WordClass.Shorthand), (ShortForms.Acronyms, WordClass.Organisation | WordClass.Acronym), (FunctionWords, WordClass.Function), (WeakCues, WordClass.WeakCue), (FiniteVerbs, WordClass.Verb),
            (Kin, WordClass.Kin), (PlaceWords, WordClass.PlaceWord), (Messages, WordClass.Message), (AddressCues, WordClass.AddressCue),
            (PhoneCues, WordClass.PhoneCue), (IdentityCues, WordClass.IdentityCue), (StreetPrefixes, WordClass.StreetPrefix), (Particles, WordClass.Particle),
            (["till"], WordClass.Till), (["från"], WordClass.From), (["av"], WordClass.Av), (ContactVerbs, WordClass.Contact), (Fields, WordClass.Field), (Greetings, WordClass.Greeting),
            (Detectors.SpeltEmailDetector.SpeltAt, WordClass.SpeltAt), (InstitutionDetector.InstitutionHeads, WordClass.InstitutionHead),
            (InstitutionDetector.TwoWordFirsts, WordClass.InstitutionFirst), (InstitutionDetector.InstitutionKinds, WordClass.InstitutionKind),
            (Detectors.NamedNumberDetector.AccountWords, WordClass.Organisation | WordClass.Shorthand), // "Kontouppgift: …": a heading, never a name
            (Detectors.NamedNumberDetector.DocumentWords, WordClass.Organisation | WordClass.Shorthand),
            (Detectors.VehicleRegistrationDetector.VehicleWords, WordClass.Organisation | WordClass.Shorthand),
            (Detectors.UsernameDetector.UsernameWords, WordClass.Organisation | WordClass.Shorthand),
        })
        {
            foreach (var word in list)
            {
                yield return (word, cls);
            }
        }
    }

    public static bool HasVowel(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            var lower = Lexicon.ToLower(c);
            if (lower is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'å' or 'ä' or 'ö' or 'é'
                || (lower > 'z' && lower is not ('ł' or 'ń' or 'ś' or 'ź' or 'ż' or 'č' or 'ć' or 'š' or 'ž' or 'đ' or 'ğ' or 'ş' or 'ç' or 'ñ' or 'ŋ' or 'ħ' or 'ĸ')))
            {
                return true; // a vowel, or a letter outside ASCII that is not a consonant with a diacritic
            }
        }

        return false;
    }

    public static bool HasForeignLetter(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            var lower = Lexicon.ToLower(c);
            if (lower > 'z' && lower is not ('å' or 'ä' or 'ö' or 'é' or 'ü'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a word: is it an ordinary word, a known name, a proper noun, shaped like a name?</summary>
    public static Evidence Read(Lexicon lexicon, ReadOnlySpan<char> word) => Read(lexicon, word, lexicon.Classify(word), part: false);

    /// <summary>Reads a word whose classes the caller has looked up.</summary>
    public static Evidence Read(Lexicon lexicon, ReadOnlySpan<char> word, WordClass cls) => Read(lexicon, word, cls, part: false);

    private static Evidence Read(Lexicon lexicon, ReadOnlySpan<char> word, WordClass cls, bool part)
    {
        if (!part && (cls & (WordClass.Organisation | WordClass.Function)) != 0)
        {
            return new Evidence(true, false, false, false, true);
        }

        if (word.IndexOf('-') > 0)
        {
            return ReadHyphenated(lexicon, word);
        }

        var isWord = (cls & WordClass.Word) != 0;
        var known = (cls & WordClass.Name) != 0;
        var proper = (cls & WordClass.Proper) != 0;

        // Genitive: "Olssons", "Kurts"; a name ending in s, x or z takes no s ("Lars", "Max").
        if (!known && word.Length > 3 && word[^1] is 's' or 'S' && !isWord)
        {
            var stem = lexicon.Classify(word[..^1]);
            known = (stem & WordClass.Name) != 0;
            proper |= (stem & WordClass.Proper) != 0;
            if (!known && !proper)
            {
                return new Evidence(false, false, false, HasNameShape(lexicon, word[..^1]), false);
            }
        }

        return new Evidence(isWord, known, proper, !isWord && !known && HasNameShape(lexicon, word), false);
    }

    /// <summary>"Lars-Göran", "Lindqvist-Amini", "Eva-Lenas", "Al-Hassan": a name when its parts are names or name-shaped.</summary>
    private static Evidence ReadHyphenated(Lexicon lexicon, ReadOnlySpan<char> word)
    {
        if (lexicon.IsWord(word))
        {
            return new Evidence(true, false, false, false, false);
        }

        var anyKnown = false;
        var allNameLike = true;
        var anyWord = false;
        var rest = word;
        while (rest.Length > 0)
        {
            var cut = rest.IndexOf('-');
            var part = cut < 0 ? rest : rest[..cut];
            rest = cut < 0 ? [] : rest[(cut + 1)..];
            if (part.Length == 0)
            {
                continue;
            }

            var evidence = part.Length <= 2 ? new Evidence(false, false, false, true, false) : Read(lexicon, part, lexicon.Classify(part), part: true);
            anyKnown |= evidence.KnownName;
            anyWord |= evidence.Word && !evidence.KnownName;
            allNameLike &= evidence.KnownName || evidence.Shape || evidence.Proper || (part.Length <= 2 && char.IsUpper(part[0]));
        }

        return new Evidence(anyWord && !anyKnown, anyKnown && allNameLike, false, allNameLike && !anyWord, false);
    }

    /// <summary>
    /// Shaped like a name although unknown: a surname ending, or letters and letter pairs Swedish words do
    /// not use (ı ğ ş ž ć ł ễ …; xh, dh, kh, aa, w, z). Only asked of words the lexicon does not know.
    /// </summary>
    public static bool HasNameShape(Lexicon lexicon, ReadOnlySpan<char> word)
    {
        if (word.Length < 2)
        {
            return false;
        }

        Span<char> tail = stackalloc char[6];
        var n = Math.Min(6, word.Length);
        for (var i = 0; i < n; i++)
        {
            tail[i] = Lexicon.ToLower(word[word.Length - n + i]);
        }

        var lowerTail = tail[..n];
        foreach (var ending in SurnameEndings)
        {
            if (word.Length >= ending.Length + 2 && lowerTail.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        for (var i = 0; i < word.Length; i++)
        {
            var c = Lexicon.ToLower(word[i]);
            if (c > 'z' && c is not ('å' or 'ä' or 'ö' or 'é' or 'ü'))
            {
                return true; // a letter Swedish spelling does not use
            }

            if (c is 'w' or 'z' or 'q' && !(c == 'q' && i + 1 < word.Length && Lexicon.ToLower(word[i + 1]) is 'v' or 'u'))
            {
                return true;
            }

            if (i + 1 < word.Length)
            {
                var d = Lexicon.ToLower(word[i + 1]);
                if ((c, d) is ('x', 'h') or ('d', 'h') or ('k', 'h') or ('g', 'h') or ('z', 'h') or ('a', 'a') or ('i', 'i') or ('u', 'u') or ('y', 'y') or ('o', 'u') or ('e', 'y') or ('a', 'y'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An unknown word at a sentence's start that is no compound and does not end like a Swedish noun or verb.</summary>
    public static bool LooksLikeGivenName(Lexicon lexicon, ReadOnlySpan<char> word) => EndsLikeName(word) && !IsCompound(lexicon, word);

    /// <summary>A vowel-final or consonant-final shape common to given names of many origins and rare in unknown Swedish words.</summary>
    private static bool EndsLikeName(ReadOnlySpan<char> word) =>
        word.Length is >= 3 and <= 12 && char.IsUpper(word[0]) && !TextShape.EndsWithLower(word, "en")
        && !TextShape.EndsWithLower(word, "et") && !TextShape.EndsWithLower(word, "na")
        && !TextShape.EndsWithLower(word, "ar") && !TextShape.EndsWithLower(word, "er")
        && !TextShape.EndsWithLower(word, "or") && !TextShape.EndsWithLower(word, "ning")
        && !TextShape.EndsWithLower(word, "het");

    private static bool IsWordOrLinked(Lexicon lexicon, ReadOnlySpan<char> head) =>
        lexicon.IsWord(head) || (head.Length > 3 && head[^1] is 's' or 'e' or 'a' && lexicon.IsWord(head[..^1]));

    private static bool IsTwoWords(Lexicon lexicon, ReadOnlySpan<char> head)
    {
        for (var cut = 3; cut <= head.Length - 3; cut++)
        {
            if (lexicon.IsWord(head[..cut]) && IsWordOrLinked(lexicon, head[cut..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An ordinary compound the lexicon knows the parts of ("Familjecentralen" = familje + centralen).</summary>
    public static bool IsCompound(Lexicon lexicon, ReadOnlySpan<char> word)
    {
        if (word.Length > 24)
        {
            return true; // an unknown word this long is a compound or a made-up string, never a person's name; no analysis (bounded work)
        }

        var twoWordTries = 0;

        for (var cut = 3; cut <= word.Length - 3; cut++)
        {
            var tail = word[cut..];
            if (!lexicon.IsWord(tail))
            {
                continue;
            }

            var head = word[..cut];
            if (IsWordOrLinked(lexicon, head) || (head.Length >= 6 && twoWordTries++ < 2 && IsTwoWords(lexicon, head)))
            {
                return true;
            }
        }

        return false;
    }
}

namespace Socialtjanst.NoteScanning;

/// <summary>The kinship and partner words of <see cref="NameRules"/>: who a person is to another ("mamma", "exmaken").</summary>
public static partial class NameRules
{
    /// <summary>Partners, who also come as "ex-" ("exmaken", "exsambon"): each with "ex" before it is a cue too.</summary>
    private static readonly string[] Partners =
        ["make", "maken", "maka", "makan", "man", "mannen", "fru", "frun", "sambo", "sambon", "pojkvän", "pojkvännen", "flickvän", "flickvännen", "partner", "partnern"];

    /// <summary>Kinship and role words after a genitive: "Karls pappa", "Sjögrens mamma".</summary>
    private static readonly string[] Kin =
    [
        "mamma", "pappa", "mor", "far", "mormor", "morfar", "farmor", "farfar", "bror", "syster", "son", "dotter", "barn", "föräldrar",
        "familj", "sambo", "pojkvän", "flickvän", "fru", "man", "make", "maka", "lärare", "mentor", "vårdnadshavare", "styvpappa",
        "styvmamma", "bonuspappa", "bonusmamma", "faster", "moster", "farbror", "morbror", "kusin", "syskon", "kompis", "vän", "granne",
        "handläggare", "kontaktperson", "socialsekreterare", "familjebehandlare", "skola", "klass", "lägenhet", "rum",
    ];

    /// <summary>Who goes with a person, in the definite form: "Gösta och maken", "Senait o sonen".</summary>
    private static readonly string[] Companions =
    [
        "maken", "makan", "mannen", "frun", "hustrun", "sambon", "pojkvännen", "flickvännen", "partnern", "exmaken", "exsambon",
        "sonen", "dottern", "barnen", "barnet", "barnbarnet", "barnbarnen", "mamman", "pappan", "modern", "fadern", "brodern",
        "systern", "syskonen", "föräldrarna",
    ];

    /// <summary>Who goes with a person after a possessive: "Tesfaye och hennes dotter", "Rune o sin fru".</summary>
    private static readonly string[] PersonKin =
    [
        "mamma", "pappa", "mor", "far", "mormor", "morfar", "farmor", "farfar", "bror", "syster", "son", "söner", "dotter", "döttrar",
        "barn", "barnbarn", "föräldrar", "familj", "sambo", "pojkvän", "flickvän", "fru", "hustru", "man", "make", "maka", "syskon",
    ];

    private static readonly string[] Possessives = ["hennes", "hans", "hens", "sin", "sina", "deras"];

    /// <summary>"maken", "sonen": a companion of a person named before it and "och" (<see cref="Companions"/>).</summary>
    public static bool IsCompanion(ReadOnlySpan<char> word) => ShortForms.IsOneOf(word, Companions);

    /// <summary>"hennes", "sin": a possessive a companion may follow.</summary>
    public static bool IsPossessive(ReadOnlySpan<char> word) => ShortForms.IsOneOf(word, Possessives);

    /// <summary>"dotter", "fru", "fostermamma": a person's kin after a possessive.</summary>
    public static bool IsPersonKin(ReadOnlySpan<char> word) => ShortForms.IsOneOf(word, PersonKin) || EndsInKin(word);

    /// <summary>The last part of a compound kinship word: "fostermamma", "familjehemspappa", "bonusförälder".</summary>
    private static readonly string[] KinHeads = ["mamma", "pappa", "förälder", "föräldern", "mor", "far", "bror", "syster", "mamman", "pappan"];

    /// <summary>A kinship or role word, or a compound ending in one ("fostermamma").</summary>
    public static bool IsKinOrRole(Lexicon lexicon, ReadOnlySpan<char> word)
    {
        return (lexicon.Classify(word) & (WordClass.Kin | WordClass.Cue)) != 0 || EndsInKin(word);
    }

    /// <summary>A compound whose last part is a kinship word: "fostermamma", "bonusförälder" (the word itself is not checked).</summary>
    public static bool EndsInKin(ReadOnlySpan<char> word)
    {
        if (word.Length < 7 || word[^1] is not ('a' or 'r' or 'n'))
        {
            return false; // every head ends in a, r or n, and a compound has at least four letters before it
        }

        foreach (var head in KinHeads)
        {
            if (word.Length >= head.Length + 4 && TextShape.EndsWithLower(word, head))
            {
                return true;
            }
        }

        return false;
    }
}

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The closed lists of caseworkers' shorthand that is never a person's name: months and weekdays written short,
/// dose units, the medical words an eponym names a condition with, short mixed-case acronyms.
/// </summary>
public static class ShortForms
{
    private static readonly string[] CalendarAbbreviations =
        ["jan", "feb", "febr", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "mån", "tis", "ons", "tor", "tors", "fre", "lör", "sön"];

    private static readonly string[] DoseUnits = ["mg", "ml", "mikrog", "µg", "mcg", "g", "e", "ie", "st", "tabl", "tablett", "tabletter", "droppar", "mmol", "mg/ml", "dos", "doser", "puffar"];

    private static readonly string[] MedicalHeads = ["syndrom", "syndromet", "sjukdom", "sjukdomen", "sjuka", "lymfom", "tumör", "diagnos", "störning", "skala", "test", "testet", "metod", "metoden", "tecken"];

    /// <summary>
    /// The agencies' and the acts' acronyms, never a name as they are written: "BUP", "LSS", "SoL", "ivo". One of them that
    /// is also a Swedish word is that word when written with one capital ("kolla m Sol": a person called Sol, or the sun;
    /// the act is written "SoL" or "SOL"), so <see cref="AsWritten"/> lifts the closed list's hold on it then.
    /// </summary>
    internal static readonly string[] Acronyms =
        ["sfi", "bup", "bvc", "mvc", "vc", "ivo", "lss", "sol", "lvu", "lvm", "hvb", "sis", "kbt", "adhd", "add", "hsl", "usk"];

    /// <summary>A word's classes as written: an acronym that is also a word, written with one capital, is the word (<see cref="Acronyms"/>).</summary>
    public static WordClass AsWritten(ReadOnlySpan<char> word, WordClass cls) =>
        (cls & (WordClass.Acronym | WordClass.Word)) == (WordClass.Acronym | WordClass.Word) && char.IsUpper(word[0]) && !TextShape.IsAllCaps(word)
            ? cls & ~(WordClass.Acronym | WordClass.Organisation)
            : cls;

    /// <summary>"jan", "tor": a month or weekday as written short.</summary>
    public static bool IsCalendarAbbreviation(ReadOnlySpan<char> word) => word.Length is 3 or 4 && IsOneOf(word, CalendarAbbreviations);

    /// <summary>"mg", "ml", "droppar": what a dose is counted in.</summary>
    public static bool IsDoseUnit(ReadOnlySpan<char> word) => IsOneOf(word, DoseUnits);

    /// <summary>"syndrom", "sjukdom": a word an eponym names a condition with.</summary>
    public static bool IsMedicalHead(ReadOnlySpan<char> word) => IsOneOf(word, MedicalHeads);

    /// <summary>"syndrom", "syndromet": the head after which a given name's genitive is still a condition ("Williams syndrom").</summary>
    public static bool IsSyndrome(ReadOnlySpan<char> word) => word.Equals("syndrom", StringComparison.OrdinalIgnoreCase) || word.Equals("syndromet", StringComparison.OrdinalIgnoreCase);

    /// <summary>"BoU", "IoF", "SoL": a short mixed-case acronym (two or more capitals in at most four letters).</summary>
    public static bool IsMixedCaseAcronym(ReadOnlySpan<char> word)
    {
        if (word.Length is < 3 or > 4)
        {
            return false;
        }

        var capitals = 0;
        var lower = 0;
        foreach (var c in word)
        {
            capitals += char.IsUpper(c) ? 1 : 0;
            lower += char.IsLower(c) ? 1 : 0;
        }

        return capitals >= 2 && lower >= 1;
    }

    /// <summary>Is the word one of the list, in any case?</summary>
    internal static bool IsOneOf(ReadOnlySpan<char> word, string[] list)
    {
        foreach (var entry in list)
        {
            if (entry.Length == word.Length && TextShape.EndsWithLower(word, entry))
            {
                return true; // the same length and the same letters in any case (every list is written in lower case)
            }
        }

        return false;
    }
}

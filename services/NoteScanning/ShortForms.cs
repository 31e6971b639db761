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

    /// <summary>"jan", "tor": a month or weekday as written short.</summary>
    public static bool IsCalendarAbbreviation(ReadOnlySpan<char> word) => word.Length is 3 or 4 && IsOneOf(word, CalendarAbbreviations);

    /// <summary>"mg", "ml", "droppar": what a dose is counted in.</summary>
    public static bool IsDoseUnit(ReadOnlySpan<char> word) => IsOneOf(word, DoseUnits);

    /// <summary>"syndrom", "sjukdom": a word an eponym names a condition with.</summary>
    public static bool IsMedicalHead(ReadOnlySpan<char> word) => IsOneOf(word, MedicalHeads);

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
            if (word.Equals(entry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

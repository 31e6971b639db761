namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>
/// A Swedish vehicle's registration number: three letters and three characters, two digits and a digit or a letter
/// ("ABC 123", "ABC 12D", "abc123"). With the register it names the owner, so under 14 kap. 5 § SoL it is an
/// identity-revealing detail (a note on ekonomiskt bistånd names a car as an asset). After a word that names a vehicle
/// or its number ("reg.nr", "bilen", "mopeden") it is one in any case (0.95); without one only as a plate is written, in
/// capitals whose letters a plate uses (not I, Q or V), no acronym, name or cue the lexicon knows and no measure a care
/// note writes the same way ("CRP 120") (0.7). Offered by
/// the pass at a three-letter word.
/// </summary>
public static class VehicleRegistrationDetector
{
    /// <summary>The words that name a vehicle or its registration number, right before it ("nr" may stand between: "reg nr").</summary>
    internal static readonly string[] VehicleWords =
    [
        "regnr", "reg.nr", "reg", "registreringsnummer", "registreringsnumret", "registreringsnr", "registrering", "bilnummer",
        "bilnumret", "bil", "bilen", "bilens", "fordon", "fordonet", "fordonets", "mc", "mc:n", "motorcykel", "motorcykeln",
        "moped", "mopeden", "husbil", "husbilen", "husvagn", "husvagnen", "släpvagn", "släpvagnen", "släp", "släpet", "traktor",
        "a-traktor", "a-traktorn", "epa", "epa-traktor", "epa-traktorn", "skoter", "skotern", "snöskoter", "snöskotern",
    ];

    /// <summary>The confidence of a registration number found by its shape alone, without a vehicle word before it.</summary>
    public const double ByShapeAlone = 0.7;

    private static readonly string[] NumberWords = ["nr", "nummer"];

    // Measures written as three capitals before a value in care notes ("CRP 120", "TPK 250", "BNP 300"): no plate without its word.
    private static readonly string[] Measures =
    [
        "crp", "tpk", "lpk", "epk", "bnp", "alp", "psa", "tsh", "ldl", "hdl", "inr", "pef", "ekg", "mmt", "bmi", "mcv", "evf", "gfr",
        "ast", "alt", "ggt", "fev", "esr", "bvc", "pvk", "kad", "rtg", "sat", "vas", "nrs", "kva", "icd", "dsm",
    ];

    /// <summary>The registration number whose letters are the word at [<paramref name="start"/>, <paramref name="end"/>), or null.</summary>
    public static Detection? At(string text, int start, int end, WordClass cls)
    {
        if (end - start != 3 || !char.IsAsciiLetter(text[start]) || !char.IsAsciiLetter(text[start + 1]) || !char.IsAsciiLetter(text[start + 2]))
        {
            return null;
        }

        var i = end < text.Length && text[end] is ' ' or '-' ? end + 1 : end;
        if (i + 3 > text.Length || !char.IsAsciiDigit(text[i]) || !char.IsAsciiDigit(text[i + 1]) || !char.IsAsciiLetterOrDigit(text[i + 2])
            || (i + 3 < text.Length && char.IsLetterOrDigit(text[i + 3])))
        {
            return null;
        }

        if (IsNamed(text, start))
        {
            return new Detection(IdentifierKind.VehicleRegistration, start, i + 3 - start, 0.95);
        }

        return (cls & ~(WordClass.Word | WordClass.Proper)) == 0 && AsPlatesAreWritten(text.AsSpan(start, 3)) && (!char.IsLetter(text[i + 2]) || char.IsUpper(text[i + 2]))
            && !AUnitFollows(text, i + 3) && !ShortForms.IsOneOf(text.AsSpan(start, 3), Measures)
            ? new Detection(IdentifierKind.VehicleRegistration, start, i + 3 - start, ByShapeAlone)
            : null;
    }

    private static bool IsNamed(string text, int start)
    {
        var (from, to) = NamedNumberDetector.Previous(text, start);
        if (from >= 0 && ShortForms.IsOneOf(text.AsSpan(from, to - from), NumberWords))
        {
            (from, to) = NamedNumberDetector.Previous(text, from);
        }

        if (from < 0)
        {
            return false;
        }

        return ShortForms.IsOneOf(NamedNumberDetector.Trimmed(text, from, to), VehicleWords);
    }

    // Capitals, none of I, Q and V (a Swedish plate's letters).
    private static bool AsPlatesAreWritten(ReadOnlySpan<char> letters)
    {
        foreach (var c in letters)
        {
            if (!char.IsAsciiLetterUpper(c) || c is 'I' or 'Q' or 'V')
            {
                return false;
            }
        }

        return true;
    }

    // "BUP 12 tillfällen": a count, not a plate.
    private static bool AUnitFollows(string text, int at) =>
        at + 1 < text.Length && text[at] == ' ' && TextShape.Units.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(at + 1, TextShape.WordEnd(text, at + 1) - at - 1));
}

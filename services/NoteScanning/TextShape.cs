namespace Socialtjanst.NoteScanning;

/// <summary>The shape of text around a position: words' ends, capitals, sentence starts, initials.</summary>
internal static class TextShape
{
    /// <summary>Words after a number that make it a quantity, not a house number or an ort: "3 år", "12 kr", "4 av 5".</summary>
    internal static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "år", "års", "åring", "åringen", "kr", "kronor", "sek", "st", "stycken", "procent", "timmar", "timme", "tim", "h", "min",
        "minuter", "dagar", "dag", "dygn", "veckor", "vecka", "v", "månader", "månad", "mån", "gånger", "gång", "ggr", "mg", "ml",
        "g", "kg", "km", "m", "cm", "poäng", "p", "av", "till", "personer", "barn", "sidor", "sid", "kap", "§", "euro", "tkr",
        "kvm", "rum", "liter", "l", "cl", "enheter", "tabletter", "burkar", "flaskor", "glas", "pass", "träffar", "samtal",
        "deltagare", "elever", "kl", "klockan", "sekunder", "nätter", "veckan", "rok", "rk", "mikrog", "µg", "mcg", "tabl", "e", "ie",
        "mmol", "droppar", "eur", "usd", "nok", "dkk",
    };

    /// <summary>
    /// Does the word end with <paramref name="suffix"/> (given in lower case) in any case? As EndsWith with
    /// OrdinalIgnoreCase for the scanner's Swedish suffixes, with the lexicon's own case table instead of a call per test.
    /// </summary>
    internal static bool EndsWithLower(ReadOnlySpan<char> word, string suffix)
    {
        if (word.Length < suffix.Length)
        {
            return false;
        }

        var offset = word.Length - suffix.Length;
        for (var i = suffix.Length - 1; i >= 0; i--)
        {
            if (Lexicon.ToLower(word[offset + i]) != suffix[i])
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters >= 2;
    }

    /// <summary>A word's end and the lexicon's hash of it, in one pass.</summary>
    internal static int WordEnd(string text, int start, out ulong hash)
    {
        hash = Lexicon.Start;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c) || (c > 127 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
                || (c is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start))
            {
                hash = Lexicon.Step(hash, c);
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>A run of letters (and combining marks), with inner hyphens and apostrophes: "Lars-Göran", "O'Brien".</summary>
    internal static int WordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c) || (c > 127 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark))
            {
                i++;
            }
            else if (c is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    internal static bool SentenceStart(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '\t' or '\r')
        {
            i--;
        }

        if (i >= 1 && text[i] == '.' && IsInitialOrTitle(text, i))
        {
            return false; // "A. Girma", "Dr. Abdelaziz", "Ssk. Halilović": a full stop that ends no sentence
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or ':' or ';' or '"' or '(' or '•' or '*' or '–' or '-' or '»' or '”';
    }

    /// <summary>Is the word before this full stop an initial ("A.") or a title ("Dr.", "Ssk.", "Fru.")?</summary>
    internal static bool IsInitialOrTitle(string text, int dot)
    {
        var from = dot;
        while (from > 0 && char.IsLetter(text[from - 1]))
        {
            from--;
        }

        var word = text.AsSpan(from, dot - from);
        var standsAlone = from == 0 || !char.IsLetterOrDigit(text[from - 1]);
        var roleAfterComma = from >= 2 && text[from - 1] == ' ' && text[from - 2] == ',';
        return standsAlone && ((word.Length == 1 && char.IsUpper(word[0]))
            || (!roleAfterComma && word is "Dr" or "dr" or "Ssk" or "ssk" or "Fru" or "Hr" or "Herr" or "Usk" or "Leg" or "Prof") // "Bo Eke, ssk. Nästa": a role, then a new sentence
            || word is "m" or "enl" or "ang" or "resp" or "bl" or "inkl"); // "samtal m. Bassel Nassar"
    }
}

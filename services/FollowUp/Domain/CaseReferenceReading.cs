using Socialtjanst.NoteScanning;

namespace Socialtjanst.FollowUp.Domain;

/// <summary>
/// How <see cref="CaseReferences"/> reads a reference for what a shape alone cannot refuse: birth dates, web and
/// e-mail addresses written without their punctuation, and names in any case, run together or beside digits.
/// </summary>
public static class CaseReferenceReading
{
    private static readonly char[] Separators = ['-', '.', '/', '_'];

    // The ends of web and e-mail addresses people write, and the mail services they use, in lower case (names of
    // four letters or more: "MSN" or "GMX" is as likely a unit's code).
    private static readonly HashSet<string> TopLevel = ["se", "com", "nu", "net", "org", "eu", "info", "io", "fi", "no", "dk", "de", "uk", "biz"];

    private static readonly HashSet<string> MailServices =
    [
        "gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud", "telia", "bredband", "comhem", "spray",
        "protonmail", "proton", "tutanota", "passagen", "bahnhof",
    ];

    /// <summary>
    /// The reference as words: split at every character that is neither letter nor digit, between letters and
    /// digits ("Storgatan12" is "Storgatan 12"), and where a capital follows a lower-case letter when both sides
    /// have two letters or more ("AnnaSvensson" is "Anna Svensson"; "BoU" stays one).
    /// </summary>
    public static List<string> Words(string reference)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= reference.Length; i++)
        {
            var c = i < reference.Length ? reference[i] : ' ';
            if (!char.IsLetterOrDigit(c))
            {
                Add(i);
                start = -1;
                continue;
            }

            if (start < 0)
            {
                start = i;
                continue;
            }

            var previous = reference[i - 1];
            var camel = char.IsLower(previous) && char.IsUpper(c) && i - start >= 2 && LettersFrom(reference, i) >= 2;
            if (char.IsDigit(previous) != char.IsDigit(c) || camel)
            {
                Add(i);
                start = i;
            }
        }

        return words;

        void Add(int end)
        {
            if (start >= 0 && end > start)
            {
                words.Add(reference[start..end]);
            }
        }
    }

    /// <summary>
    /// A birth date: a run of exactly six digits that is a date (YYMMDD) unless it is the serial after a register's
    /// year ("2025-000123"), of exactly eight that is a date in the last 130 years up to today (YYYYMMDD), or three
    /// groups joined by one separator that are such a date (1981-12-18, 81.12.18, 18/12/1981).
    /// </summary>
    public static bool HoldsABirthDate(string text, DateOnly today)
    {
        var groups = new List<(int Start, int Length)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var digit = i < text.Length && char.IsAsciiDigit(text[i]);
            if (digit && start < 0)
            {
                start = i;
            }
            else if (!digit && start >= 0)
            {
                groups.Add((start, i - start));
                start = -1;
            }
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var (s, length) = groups[g];
            var run = text.AsSpan(s, length);
            if (length == 6 && g > 0 && IsRegisterYear(text, groups[g - 1], s, today))
            {
                // "2025-000123": the serial of a year's register (a diarienummer's shape), not a date.
                continue;
            }

            if ((length == 6 && IsDate(Number(run[..2]), Number(run[2..4]), Number(run[4..]), today, century: true))
                || (length == 8 && IsDate(Number(run[..4]), Number(run[4..6]), Number(run[6..]), today, century: false)))
            {
                return true;
            }
        }

        for (var g = 0; g + 2 < groups.Count; g++)
        {
            var (a, b, c) = (groups[g], groups[g + 1], groups[g + 2]);
            // Joined by one and the same separator: "1981-12-18", not "KX-1981/12-18".
            if (b.Start != a.Start + a.Length + 1 || c.Start != b.Start + b.Length + 1 || text[b.Start - 1] != text[c.Start - 1])
            {
                continue;
            }

            var (x, y, z) = (Number(text.AsSpan(a.Start, a.Length)), Number(text.AsSpan(b.Start, b.Length)), Number(text.AsSpan(c.Start, c.Length)));
            var date = (a.Length, b.Length, c.Length) switch
            {
                (4, 1 or 2, 1 or 2) => IsDate(x, y, z, today, century: false),
                (2, 2, 2) => IsDate(x, y, z, today, century: true) || IsDate(z, y, x, today, century: true),
                (1 or 2, 1 or 2, 4) => IsDate(z, y, x, today, century: false),
                _ => false,
            };
            if (date)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An e-mail or web address, also without its "@": "www." leading a name, a mail service's name as a word, or a top-level domain after a dot ending the reference.</summary>
    public static bool HoldsAWebAddress(string reference)
    {
        var lower = reference.ToLowerInvariant();
        if (lower.Contains('@', StringComparison.Ordinal) || lower.Contains("www.", StringComparison.Ordinal) || lower.Contains("www_", StringComparison.Ordinal))
        {
            return true;
        }

        var words = Words(lower);
        if (words.Any(MailServices.Contains))
        {
            return true;
        }

        var dot = lower.LastIndexOf('.');
        return dot > 0 && words.Count >= 2 && TopLevel.Contains(lower[(dot + 1)..]) && words[^2].All(char.IsLetter);
    }

    /// <summary>
    /// The default shape's rule for long words: a part (between separators) of six letters or more in capitals or in lower case is an
    /// ordinary Swedish word ("HEMLIG", "avbrott"), never a name or a word the data does not know ("HELLAND",
    /// "annasvensson"): a code is short, and a long unknown word in a reference is most often a name.
    /// </summary>
    public static bool HoldsAnUnknownLongWord(string reference) =>
        reference.Split(Separators).Any(w => w.Length >= 6 && w.All(char.IsLetter) && (w.All(char.IsUpper) || w.All(char.IsLower))
                       && (Lexicon.Instance.Classify(w) & (WordClass.Word | WordClass.Proper)) == 0);

    /// <summary>
    /// A given name or surname as a code would not write it: in title case ("KX-Linda-1", "Anna.Svensson"), in lower
    /// case (three letters or more) unless it is also an ordinary word ("svensson", not "linda"), in capitals when four letters or more or
    /// beside another name ("ANNA", "ANNA-SVENSSON"; an abbreviation such as "IVO" or "BOU" is left alone); names run
    /// together in one case ("annasvensson", "ANNASVENSSON"); and a capitalised word of four letters or more that is
    /// neither an ordinary word nor a known place or agency ("Hoxha").
    /// </summary>
    public static bool HoldsAName(string reference)
    {
        var words = Words(reference);
        var parts = reference.Split(Separators);
        for (var i = 0; i < words.Count; i++)
        {
            var beside = (i > 0 && IsKnownName(words[i - 1])) || (i + 1 < words.Count && IsKnownName(words[i + 1]));
            // Three letters in lower case inside a part of letters and digits are a hexadecimal's ("3ada9e"), not a name.
            var whole = words[i].Length > 3 || parts.Contains(words[i], StringComparer.Ordinal);
            if ((IsName(words[i], beside) && (whole || !words[i].All(char.IsLower))) || IsNamesRunTogether(words[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsName(string word, bool besideAName)
    {
        if (!IsKnownName(word))
        {
            // Codes abbreviate in capitals ("IFO", "BoU"); a capitalised word of four letters or more that is
            // neither an ordinary word nor a known place or agency reads as a name the data lacks ("Hoxha").
            return word.Length >= 4 && char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower)
                && (Lexicon.Instance.Classify(word) & (WordClass.Word | WordClass.Proper)) == 0;
        }

        if (word.All(char.IsUpper))
        {
            return word.Length >= 4 || besideAName;
        }

        // Two letters in lower case are a code's or a hexadecimal's, not a name ("ea", "da").
        return !word.All(char.IsLower) || (word.Length >= 3 && (Lexicon.Instance.Classify(word) & WordClass.Word) == 0);
    }

    // Two known names of three letters or more written as one word that is not itself a word: "annasvensson".
    private static bool IsNamesRunTogether(string word)
    {
        if (word.Length < 6 || !word.All(char.IsLetter) || (Lexicon.Instance.Classify(word) & (WordClass.Word | WordClass.Proper)) != 0)
        {
            return false;
        }

        for (var split = 3; split <= word.Length - 3; split++)
        {
            if (IsKnownName(word[..split]) && IsKnownName(word[split..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKnownName(string word) =>
        word.Length >= 2 && word.All(char.IsLetter) && (Lexicon.Instance.Classify(word) & (WordClass.Given | WordClass.Surname)) != 0;

    private static int LettersFrom(string text, int i)
    {
        var n = 0;
        while (i + n < text.Length && char.IsLetter(text[i + n]))
        {
            n++;
        }

        return n;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var d in digits)
        {
            n = (n * 10) + (d - '0');
        }

        return n;
    }

    private static bool IsRegisterYear(string text, (int Start, int Length) year, int next, DateOnly today) =>
        year.Length == 4 && next == year.Start + 5 && !char.IsLetterOrDigit(text[next - 1])
        && Number(text.AsSpan(year.Start, 4)) is var y && y >= 2000 && y <= today.Year + 1;

    // A day of a month in a year: with century, any two-digit year is a date of some century; without, the year
    // must lie in the last 130 years and the date on or before today.
    private static bool IsDate(int year, int month, int day, DateOnly today, bool century)
    {
        if (month is < 1 or > 12 || day < 1)
        {
            return false;
        }

        if (century)
        {
            return day <= DateTime.DaysInMonth(2000, month);
        }

        return year >= today.Year - 130 && year <= today.Year && day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) <= today;
    }
}

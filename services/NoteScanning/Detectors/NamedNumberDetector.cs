using System.Collections.Frozen;

namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>
/// A number the note names by the word before it, which alone points to one person: a bank account ("konto 8327-9,
/// 123 456 789-0", "clearingnr 3300 kontonr 850101-1234", "konto hos Nordea 3300 …") or an identity document's or a
/// migration case's number ("passnummer AB1234567", "LMA-kort 12-345678/9", "dossiernummer 1234567-8"). Under 14 kap. 5 §
/// SoL such a number is identity-revealing as a personnummer is. Without its word a number is any number (an amount, a
/// case's), so only the word makes it one. Read by <see cref="NumberScoring"/> after the ordered detectors, and by the
/// pass at a short capitalized word right before digits ("AB1234567").
/// </summary>
/// <remarks>
/// Interpretations written down here: a giro number (bankgiro, plusgiro) is left alone, because a note names one mostly
/// to say where a landlord or a creditor is paid; an amount on an account ("kontot 12 000 kr", "12 345,50") is no account;
/// a clearing number alone (four or five digits) names a bank, not a person.
/// </remarks>
public static class NamedNumberDetector
{
    /// <summary>The words that name an account (a bank's name may stand between: "konto hos Nordea 3300 …").</summary>
    internal static readonly string[] AccountWords =
    [
        "konto", "kontot", "kontonummer", "kontonumret", "kontonr", "kto", "ktonr", "bankkonto", "bankkontot", "bankkontonummer",
        "lönekonto", "lönekontot", "personkonto", "personkontot", "sparkonto", "sparkontot", "clearing", "clearingnummer",
        "clearingnumret", "clearingnr", "clnr", "iban", "kontouppgift", "kontouppgifter", "kontoinformation", "kontots", "bankkontots",
    ];

    /// <summary>The words that name an identity document or a migration case.</summary>
    internal static readonly string[] DocumentWords =
    [
        "pass", "passet", "passnummer", "passnumret", "passnr", "id-kort", "id-kortet", "id-kortsnummer", "id-kortsnr", "idkort",
        "lma", "lma-kort", "lma-kortet", "lma-nummer", "lma-nr", "lma-kortsnummer", "dossier", "dossiernummer", "dossiernumret",
        "dossiernr", "ut-kort", "ut-kortet", "uppehållstillståndskort", "uppehållstillståndskortet", "körkortsnummer", "körkortsnr",
        "legitimation", "legitimationen", "id-handling", "id-handlingen", "passets", "id-kortets", "lma-kortets", "ut-kortets",
    ];

    // "nr", "nummer" after the word ("pass nr 876…", "konto nr 1234…").
    private static readonly string[] NumberWords = ["nr", "nummer", "no"];

    // What may stand between the word and the number: "pass nr 876…", "LMA-kortets nummer är 12-…".
    private static readonly string[] Fillers = ["nr", "nummer", "no", "är", "var"];

    // "konto hos Nordea 3300 …", "konto i Swedbank 8327-9 …".
    private static readonly string[] BankPrepositions = ["hos", "i", "på"];

    // Every word the look back reads, with what it is: one look-up a word (most numbers in a note have none of them before).
    private static readonly FrozenDictionary<string, Role>.AlternateLookup<ReadOnlySpan<char>> Roles =
        AccountWords.Select(w => (w, Role.Account)).Concat(DocumentWords.Select(w => (w, Role.Document)))
            .Concat(Fillers.Select(w => (w, Role.Filler))).Concat(BankPrepositions.Select(w => (w, Role.Preposition)))
            .DistinctBy(p => p.w)
            .ToFrozenDictionary(p => p.w, p => p.Item2, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private enum Role
    {
        None,
        Account,
        Document,
        Filler,
        Preposition,
    }

    /// <summary>The named number starting at <paramref name="start"/> (a digit, or a short capital prefix before one), or null.</summary>
    public static Detection? At(string text, int start) =>
        DigitsFrom(text, start) >= 4 && WordBefore(text, start) is { } kind ? Read(text, start, kind) : null;

    // The digits of the number at start and of what joins on to it ("8214-9, 903 …"), up to five: fewer than four (a clearing
    // number's) is no named number (an age, a count, an amount in tens).
    private static int DigitsFrom(string text, int start)
    {
        var digits = 0;
        for (var i = start; i < text.Length && digits < 5; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '-' or '/' or '.' or ',' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == ' ')))
            {
                break;
            }
        }

        return digits;
    }

    /// <summary>"passnummer AB1234567": a document's number that starts with the capitals of the word at [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static Detection? AtPrefix(string text, int start, int end) =>
        end - start <= 3 && end < text.Length && char.IsAsciiDigit(text[end]) && TextShape.IsAllCaps(text.AsSpan(start, end - start))
            && WordBefore(text, start) == IdentifierKind.DocumentNumber
            ? Read(text, start, IdentifierKind.DocumentNumber)
            : null;

    /// <summary>
    /// Which kind the words before <paramref name="start"/> name, if any: an account or document word right before it, or
    /// before "nr", "nummer", "är" ("LMA-kortets nummer är …"), or before a bank's name of one or two capitalized words,
    /// with a preposition or not ("konto i Danske Bank 1234 …", "Kontouppgift: Handelsbanken 6123 …").
    /// </summary>
    internal static IdentifierKind? WordBefore(string text, int start)
    {
        var (from, to) = Previous(text, start);
        var (fillers, bank, preposition) = (0, 0, false);
        for (var step = 0; step < 5 && from >= 0; step++)
        {
            var role = Roles.TryGetValue(Trimmed(text, from, to), out var r) ? r : Role.None;
            if (role == Role.Account)
            {
                return IdentifierKind.BankAccount;
            }

            if (role == Role.Document)
            {
                return bank == 0 ? IdentifierKind.DocumentNumber : null;
            }

            if (bank == 0 && fillers < 2 && role == Role.Filler)
            {
                fillers++;
            }
            else if (fillers == 0 && !preposition && bank < 2 && char.IsUpper(text[from]))
            {
                bank++;
            }
            else if (bank > 0 && !preposition && role == Role.Preposition)
            {
                preposition = true;
            }
            else
            {
                return null;
            }

            (from, to) = Previous(text, from);
        }

        return null;
    }

    /// <summary>
    /// The word just before <paramref name="at"/>, across spaces, a colon and an opening bracket only ("pass (nr 876…";
    /// a sentence's end, a comma or another number between breaks the link): letters with inner dots and hyphens
    /// ("reg.nr", "LMA-kort"), or (-1, -1).
    /// </summary>
    internal static (int From, int To) Previous(string text, int at)
    {
        var to = at;
        while (to > 0 && text[to - 1] is ' ' or ':' or '(')
        {
            to--;
        }

        if (to == at || to == 0 || !(char.IsLetter(text[to - 1]) || text[to - 1] == '.'))
        {
            return (-1, -1);
        }

        var from = to;
        while (from > 0 && (char.IsLetter(text[from - 1]) || (text[from - 1] is '.' or '-' && from - 1 > 0 && char.IsLetter(text[from - 2]))))
        {
            from--;
        }

        return from < to && char.IsLetter(text[from]) ? (from, to) : (-1, -1);
    }

    // The word without a full stop after it ("kontonr." → "kontonr").
    internal static ReadOnlySpan<char> Trimmed(string text, int from, int to) => text.AsSpan(from, (text[to - 1] == '.' ? to - 1 : to) - from);

    private static Detection? Read(string text, int start, IdentifierKind kind)
    {
        var end = kind == IdentifierKind.BankAccount ? Account(text, start) : Document(text, start);
        return end > start ? new Detection(kind, start, end - start, 0.9) : null;
    }

    /// <summary>
    /// An account's digits from <paramref name="start"/>: groups joined by a space or a dash, a clearing number before
    /// ", " or an account word ("6789 kontonummer 123 456 789"); at least six digits; not an amount. Its end, or start.
    /// </summary>
    private static int Account(string text, int start)
    {
        var (end, digits, lastGroup) = Groups(text, start, 0);
        if (IsDate(text.AsSpan(start, end - start)))
        {
            return start; // "kontot 2024-05-01 till 2024-05-31": a period
        }

        if (digits is 4 or 5 && end < text.Length)
        {
            // "8327-9, 123 456 789-0", "6789 kontonummer 123 456 789": a clearing number, then the account's own digits.
            var next = end + 1 < text.Length && text[end] == ',' && text[end + 1] == ' ' ? end + 2
                : end + 1 < text.Length && text[end] == ' ' ? AfterAccountWord(text, end + 1) : -1;
            if (next > 0 && next < text.Length && char.IsAsciiDigit(text[next]))
            {
                (end, var more, lastGroup) = Groups(text, next, digits);
                digits = more;
            }
        }

        if (IsAmount(text, end))
        {
            // "kontot 12 000 kr": an amount; "konto 1234 567 890 3 gånger": the last group was a count.
            if (lastGroup <= start || IsAmountMark(text, end))
            {
                return start;
            }

            digits -= CountDigits(text, lastGroup, end);
            end = lastGroup - 1;
        }

        return digits >= 6 ? end : start;
    }

    // "6789 kontonummer 123…", "6789 nr 123…": where the digits after an account word start, or -1.
    private static int AfterAccountWord(string text, int at)
    {
        var end = TextShape.WordEnd(text, at);
        var word = text.AsSpan(at, end - at);
        if (end == at || !(ShortForms.IsOneOf(word, AccountWords) || ShortForms.IsOneOf(word, NumberWords)))
        {
            return -1;
        }

        if (end < text.Length && text[end] is '.' or ':')
        {
            end++;
        }

        return end < text.Length && text[end] == ' ' ? end + 1 : -1;
    }

    /// <summary>Digit groups joined by one space or one dash: where they end, the digits counted, where the last group starts.</summary>
    private static (int End, int Digits, int LastGroup) Groups(string text, int start, int digits)
    {
        var i = start;
        var last = start;
        while (true)
        {
            last = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }

            if (i + 1 < text.Length && text[i] is ' ' or '-' && char.IsAsciiDigit(text[i + 1]))
            {
                i++;
                continue;
            }

            return (i, digits, last);
        }
    }

    /// <summary>
    /// A document's number from <paramref name="start"/>: letters and digits with inner dashes, slashes or dots ("AB1234567",
    /// "12-345678/9", "1234567-8"), at least five digits, not a date. Its end, or start.
    /// </summary>
    private static int Document(string text, int start)
    {
        var i = start;
        var digits = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!char.IsAsciiLetter(c) && !(c is '-' or '/' or '.' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) && i > start))
            {
                break;
            }

            i++;
        }

        var token = text.AsSpan(start, i - start);
        return digits >= 5 && i - start <= 20 && (i == text.Length || !char.IsLetter(text[i])) && !IsDate(token) && !IsTimeSpan(token) && !IsAmount(text, i) ? i : start;
    }

    // After the number: a unit ("kr", "gånger"), ":-" or a decimal comma ("12 345,50").
    private static bool IsAmount(string text, int end) =>
        IsAmountMark(text, end) || (end + 1 < text.Length && text[end] == ' ' && TextShape.Units.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(end + 1, TextShape.WordEnd(text, end + 1) - end - 1)));

    private static bool IsAmountMark(string text, int end) =>
        end + 1 < text.Length && ((text[end] == ':' && text[end + 1] == '-') || (text[end] == ',' && char.IsAsciiDigit(text[end + 1])));

    private static int CountDigits(string text, int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            n += char.IsAsciiDigit(text[i]) ? 1 : 0;
        }

        return n;
    }

    // "2024-05-01", "2024.05.01", "01/05/2024": a date is not an account's or a document's number.
    private static bool IsDate(ReadOnlySpan<char> token) => token.IndexOfAny('-', '.', '/') >= 0 && BirthDateDetector.IsNumericDate(token);

    // "pass 0700-1600", "pass 2200-0700": a work shift's hours, not a passport's number.
    private static bool IsTimeSpan(ReadOnlySpan<char> token) =>
        token.Length == 9 && token[4] == '-' && IsTime(token[..4]) && IsTime(token[5..]);

    private static bool IsTime(ReadOnlySpan<char> hhmm) =>
        int.TryParse(hhmm, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) && t / 100 <= 24 && t % 100 < 60;
}

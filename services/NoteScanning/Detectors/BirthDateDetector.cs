using System.Globalization;

namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>
/// A whole birth date after the word that says so ("född 1939-08-02", "f. 2/8 1939", "födelsedatum: 2 augusti 1939"):
/// with the kommun and a gender it points to nearly one person, so under 14 kap. 5 § SoL it is an identity-revealing
/// detail. Only a date the note calls a birth date, on or before today, with its day, month and year, is one: a year
/// alone ("född 1939") is an age, which is always documented, and a date without the word is any date (a meeting's).
/// Read by <see cref="NumberScoring"/> after the word, not offered at every number.
/// </summary>
public static class BirthDateDetector
{
    // "f." is "född" before a date; "fd" is "före detta" ("fd maken") and is no cue.
    private static readonly string[] Cues = ["född", "födelsedatum", "föddes", "f"];

    private static readonly string[] Months =
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    /// <summary>
    /// Whether the word before the number at <paramref name="previousStart"/>..<paramref name="previousEnd"/> says a birth
    /// date follows: "född", "födelsedatum", "f.", and either of them before "den" ("född den 2 augusti 1939").
    /// </summary>
    public static bool FollowsItsWord(string text, int previousStart, int previousEnd)
    {
        if (previousStart < 0)
        {
            return false;
        }

        var word = text.AsSpan(previousStart, previousEnd - previousStart);
        if (ShortForms.IsOneOf(word, Cues))
        {
            return true;
        }

        if (!word.Equals("den", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var end = previousStart - 1;
        while (end > 0 && text[end - 1] == ' ')
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        return end > start && ShortForms.IsOneOf(text.AsSpan(start, end - start), Cues);
    }

    /// <summary>The birth date at <paramref name="start"/>, read after its word, or null.</summary>
    public static Detection? At(string text, int start, DateOnly today)
    {
        if (start > text.Length - 6 || !char.IsAsciiDigit(text[start]))
        {
            return null;
        }

        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || ((text[end] is '-' or '.' or '/') && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
        {
            end++;
        }

        // "2/8 1939", "2 augusti 1939", "2 aug. 1939": a day and a month, then the year after a space.
        var date = Numeric(text.AsSpan(start, end - start)) ?? Spelt(text, start, ref end) ?? DayMonthThenYear(text, start, ref end);
        return date is { } born && born <= today && born.Year >= 1890 && (end == text.Length || !char.IsLetterOrDigit(text[end]))
            ? new Detection(IdentifierKind.BirthDate, start, end - start, 0.9)
            : null;
    }

    private static readonly string[] NumericForms = ["yyyy-MM-dd", "yyyyMMdd", "yyyy.MM.dd", "yyyy/MM/dd", "d.M.yyyy", "d/M/yyyy", "d-M-yyyy"];

    // "1939-08-02", "19390802", "1939.08.02", "02.08.1939", "2/8/1939".
    /// <summary>Whether <paramref name="written"/> is a whole date in one of the numeric forms ("1939-08-02", "2/8/1939").</summary>
    internal static bool IsNumericDate(ReadOnlySpan<char> written) => Numeric(written) is not null;

    private static DateOnly? Numeric(ReadOnlySpan<char> written) =>
        DateOnly.TryParseExact(written, NumericForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    // "2 augusti 1939", "2 aug 1939", "2 aug. 1939".
    private static DateOnly? Spelt(string text, int start, ref int end)
    {
        var i = end;
        if (i - start is < 1 or > 2 || i + 1 >= text.Length || text[i] != ' ' || !int.TryParse(text.AsSpan(start, i - start), CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }

        var monthEnd = TextShape.WordEnd(text, i + 1);
        var word = text.AsSpan(i + 1, monthEnd - i - 1);
        var month = MonthOf(word);
        var at = monthEnd < text.Length && text[monthEnd] == '.' ? monthEnd + 1 : monthEnd;
        if (month < 0 || Year(text, at) is not (var year, var yearEnd) || !IsDate(year, month + 1, day))
        {
            return null;
        }

        end = yearEnd;
        return new DateOnly(year, month + 1, day);
    }

    // "augusti", "aug": the month's index (0–11), or -1.
    private static int MonthOf(ReadOnlySpan<char> word)
    {
        for (var m = 0; word.Length >= 3 && m < Months.Length; m++)
        {
            if ((word.Length == 3 || word.Length == Months[m].Length) && Months[m].AsSpan().StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return m;
            }
        }

        return -1;
    }

    // "2/8 1939": a day and a month, a space, the year.
    private static DateOnly? DayMonthThenYear(string text, int start, ref int end)
    {
        var slash = text.AsSpan(start, end - start).IndexOf('/');
        if (slash < 1 || !int.TryParse(text.AsSpan(start, slash), CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(text.AsSpan(start + slash + 1, end - start - slash - 1), CultureInfo.InvariantCulture, out var month)
            || Year(text, end) is not (var year, var yearEnd) || !IsDate(year, month, day))
        {
            return null;
        }

        end = yearEnd;
        return new DateOnly(year, month, day);
    }

    // " 1939": a space and four digits.
    private static (int Year, int End)? Year(string text, int at) =>
        at + 5 <= text.Length && text[at] == ' ' && int.TryParse(text.AsSpan(at + 1, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && (at + 5 == text.Length || !char.IsAsciiDigit(text[at + 5]))
            ? (year, at + 5)
            : null;

    private static bool IsDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
}

namespace Socialtjanst.IdentityNumbers;

/// <summary>
/// Reads a personnummer or samordningsnummer only to learn a birth date. Accepts 10 or 12
/// digits with "-", "+" (100 years or older) or no separator; a samordningsnummer has 60 added
/// to the day. The date must exist and the check digit (Luhn over the last 10 digits) must hold.
/// The number itself is never kept.
/// </summary>
public static class PersonalIdentityNumber
{
    public static bool TryGetBirthDate(string? text, DateOnly today, out DateOnly birthDate) => TryRead(text, today, checkDigit: true, out birthDate);

    /// <summary>
    /// As <see cref="TryGetBirthDate"/>, whatever the check digit: the birth date a number written as a personnummer
    /// gives. For a number the text itself calls one ("pnr 410312-2388"): mistyped in one digit, it still points to its person.
    /// </summary>
    public static bool TryGetWrittenBirthDate(string? text, DateOnly today, out DateOnly birthDate) => TryRead(text, today, checkDigit: false, out birthDate);

    private static bool TryRead(string? text, DateOnly today, bool checkDigit, out DateOnly birthDate)
    {
        birthDate = default;
        if (text is null || text.Length is < 10 or > 13)
        {
            return false;
        }

        Span<int> digits = stackalloc int[12];
        var count = 0;
        var separator = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == 12)
                {
                    return false;
                }

                digits[count++] = c - '0';
            }
            else if ((c == '-' || c == '+') && separator == '\0' && i == text.Length - 5)
            {
                separator = c;
            }
            else
            {
                return false;
            }
        }

        if (count is not (10 or 12))
        {
            return false;
        }

        var ten = digits.Slice(count - 10, 10);
        if (checkDigit && !Luhn(ten))
        {
            return false;
        }

        var yy = (ten[0] * 10) + ten[1];
        var month = (ten[2] * 10) + ten[3];
        var day = (ten[4] * 10) + ten[5];
        if (day > 60)
        {
            day -= 60;
        }

        int year;
        if (count == 12)
        {
            year = (digits[0] * 1000) + (digits[1] * 100) + yy;
            if (separator == '+' && year > today.Year - 100)
            {
                return false;
            }
        }
        else
        {
            // The latest century that puts the birth on or before today; "+" adds a hundred years of age.
            year = (today.Year / 100 * 100) + yy;
            if ((year, month, day).CompareTo((today.Year, today.Month, today.Day)) > 0)
            {
                year -= 100;
            }

            if (separator == '+')
            {
                year -= 100;
            }
        }

        if (month is < 1 or > 12 || day < 1 || year < 1800 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        birthDate = new DateOnly(year, month, day);
        return birthDate <= today;
    }

    private static bool Luhn(ReadOnlySpan<int> ten)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var d = ten[i] * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }

        return sum % 10 == 0;
    }

    /// <summary>
    /// True when the text holds a run of 10 or 12 digits (with or without "-" or "+" before the last
    /// four) whose date part is a real date or samordningsnummer date, whatever its check digit:
    /// what must never be used as a pseudonymous reference.
    /// </summary>
    public static bool LooksLikeOne(string text)
    {
        var digits = new System.Text.StringBuilder(13);
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                continue;
            }

            if ((c == '-' || c == '+') && digits.Length is 6 or 8 && i + 4 < text.Length + 1)
            {
                continue;
            }

            if (digits.Length is 10 or 12 && PlausibleDate(digits.ToString()))
            {
                return true;
            }

            digits.Clear();
        }

        return false;
    }

    /// <summary>
    /// <see cref="LooksLikeOne"/> for any written form: digit groups joined across one separator, or a letter
    /// between a date and four digits ("811218.9876", "19811218/9876", "811218_9876", "19811218T9876", "811218A9876",
    /// "81 12 18 98 76"), and any
    /// 10 or 12 digits in a longer run whose date part is plausible.
    /// </summary>
    public static bool LooksLikeOneInAnyForm(string text) =>
        LooksLikeOne(text) || AnyJoinedWindow(text, PlausibleDate);

    /// <summary>
    /// A valid personnummer or samordningsnummer (a real date on or before today and its check digit) in any
    /// written form, read as <see cref="LooksLikeOneInAnyForm"/> reads: for a text whose digits may be dates
    /// of its own (a case number "20251218-0001"), where only a number that could be someone's counts.
    /// </summary>
    public static bool IsOneInAnyForm(string text, DateOnly today) =>
        AnyJoinedWindow(text, window => TryGetBirthDate(window, today, out _));

    // Digit groups joined across one character between them; every 10- or 12-digit window of a joined run tried.
    private static bool AnyJoinedWindow(string text, Func<string, bool> holds)
    {
        var digits = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (digits.Length > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])
                     && (!char.IsLetter(c) || (digits.Length is 6 or 8 && DigitsFrom(text, i + 1) == 4)))
            {
                // one separator between digit groups: read across it; a letter only where it stands for the
                // separator of a date and its four last digits ("811218A9876", "19811218T9876")
            }
            else
            {
                if (AnyWindow(digits.ToString(), holds))
                {
                    return true;
                }

                digits.Clear();
            }
        }

        return false;
    }

    private static int DigitsFrom(string text, int i)
    {
        var n = 0;
        while (i + n < text.Length && char.IsAsciiDigit(text[i + n]))
        {
            n++;
        }

        return n;
    }

    private static bool AnyWindow(string digits, Func<string, bool> holds)
    {
        foreach (var length in (ReadOnlySpan<int>)[10, 12])
        {
            for (var start = 0; start + length <= digits.Length; start++)
            {
                if (holds(digits.Substring(start, length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool PlausibleDate(string digits)
    {
        var d = digits.Length == 12 ? digits[2..] : digits;
        var month = ((d[2] - '0') * 10) + (d[3] - '0');
        var day = ((d[4] - '0') * 10) + (d[5] - '0');
        if (day > 60)
        {
            day -= 60;
        }

        return month is >= 1 and <= 12 && day >= 1 && day <= 31;
    }
}

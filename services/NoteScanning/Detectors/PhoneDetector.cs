namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>Swedish phone numbers as people write them.</summary>
public sealed class PhoneDetector : NumberDetector
{
    public override Detection? At(string text, int start, DateOnly today) => Read(text, start);

    /// <summary>
    /// A Swedish phone number as written: groups of digits joined by a space, "-", " - ", "/", "." or a
    /// bracketed area code ("(0920) 377 331"), optionally +46 or 0046 and a bracketed trunk zero
    /// ("+46 (0)70-…"). The longest prefix that makes a valid mobile or landline number is taken, so a
    /// time range written straight after it ("0707-19 88 81 14.30–15.30") is left out.
    /// </summary>
    internal static Detection? Read(string text, int start)
    {
        if (text[start] is not ('0' or '+' or '('))
        {
            return null; // every Swedish number begins with 0, +46 or a bracketed area code
        }

        Span<char> digits = stackalloc char[16];
        Span<int> groupEnds = stackalloc int[10];
        Span<int> groupDigits = stackalloc int[10];
        Span<char> separators = stackalloc char[10];
        var groups = 0;
        var count = 0;
        var i = start;
        var international = false;
        if (text[i] == '+')
        {
            international = true;
            i++;
        }
        else if (text[i] == '(')
        {
            i++;
        }

        var current = 0;
        while (i < text.Length && groups < 9)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == 15)
                {
                    return null;
                }

                digits[count++] = c;
                current++;
                i++;
                continue;
            }

            if (current == 0)
            {
                break;
            }

            // The separator after a group: " ", "-", "/", ".", " - ", " – ", ") ", " (0)".
            var next = i;
            var sep = c;
            if (c == ')' && next + 1 < text.Length && text[next + 1] is ' ' or '-')
            {
                next += 2;
            }
            else if (c == ' ' && next + 2 < text.Length && text[next + 1] is '-' or '–' && text[next + 2] == ' ')
            {
                next += 3;
                sep = '-';
            }
            else if (c == ' ' && international && next + 4 < text.Length && text.AsSpan(next + 1, 3).SequenceEqual("(0)"))
            {
                next += 4;
                if (next < text.Length && text[next] is ' ' or '-')
                {
                    next++;
                }
            }
            else if (c is ' ' or '-' or '/' or '.' || (c is '–' or '‑' && groups == 0))
            {
                next++;
                sep = c is '–' or '‑' ? '-' : c; // "08–123 45 67": after the area code, an en dash a word processor put for '-'
            }
            else
            {
                break;
            }

            groupEnds[groups] = i;
            groupDigits[groups] = count;
            separators[groups] = sep;
            groups++;
            current = 0;
            if (next >= text.Length || !char.IsAsciiDigit(text[next]))
            {
                i = -1;
                break;
            }

            i = next;
        }

        if (i >= 0 && current > 0)
        {
            groupEnds[groups] = i;
            groupDigits[groups] = count;
            separators[groups] = '\0';
            groups++;
        }

        if (IsClockTime(text, start, groups, groupDigits, separators))
        {
            return null; // "09.30–10.15", "08:15 - 09.00": a time of day, not an area code
        }

        // The longest candidate that ends at a group's end, is a valid number, and is not followed by a letter.
        for (var g = groups - 1; g >= 0; g--)
        {
            var end = groupEnds[g];
            if (end < text.Length && char.IsLetter(text[end]))
            {
                continue;
            }

            if (IsDate(digits[..groupDigits[g]], groupDigits[..(g + 1)], separators[..(g + 1)]))
            {
                return null;
            }

            if (IsPhoneNumber(digits[..groupDigits[g]], international))
            {
                return new Detection(IdentifierKind.Phone, start, end - start, 0.95);
            }
        }

        return null;
    }

    /// <summary>Two digits, '.' or ':', two digits: an hour and its minutes ("09.30"), which a phone number never starts with.</summary>
    private static bool IsClockTime(string text, int start, int groups, ReadOnlySpan<int> groupDigits, ReadOnlySpan<char> separators) =>
        groups >= 2 && char.IsAsciiDigit(text[start]) && groupDigits[0] == 2 && groupDigits[1] == 4 && separators[0] is '.' or ':'
        && (text[start] - '0') * 10 + (text[start + 1] - '0') <= 23 && (text[start + 3] - '0') * 10 + (text[start + 4] - '0') <= 59;

    internal static bool IsPhoneNumber(ReadOnlySpan<char> number, bool international)
    {
        Span<char> national = stackalloc char[16];
        int length;
        if (international || number.StartsWith("0046"))
        {
            var rest = international ? number : number[2..];
            if (!rest.StartsWith("46"))
            {
                return false;
            }

            national[0] = '0';
            rest[2..].CopyTo(national[1..]);
            length = rest.Length - 1;
        }
        else
        {
            number.CopyTo(national);
            length = number.Length;
        }

        var n = national[..length];
        if (n.Length < 2 || n[0] != '0')
        {
            return false;
        }

        var isMobile = n.Length == 10 && n[1] == '7';
        var isLandline = n.Length is >= 8 and <= 10 && n[1] != '0' && n[1] != '7';
        return isMobile || isLandline;
    }

    /// <summary>01-10-2025, 2025-10-01, 14.12.2025, 14/12/25: a date, not a phone number.</summary>
    internal static bool IsDate(ReadOnlySpan<char> digits, ReadOnlySpan<int> groupDigits, ReadOnlySpan<char> separators)
    {
        if (groupDigits.Length != 3 || separators[0] is ' ' || separators[0] != separators[1])
        {
            return false;
        }

        var a = groupDigits[0];
        var b = groupDigits[1] - a;
        var c = groupDigits[2] - groupDigits[1];
        return (a, b, c) is (2, 2, 4) or (4, 2, 2) or (2, 2, 2);
    }
}

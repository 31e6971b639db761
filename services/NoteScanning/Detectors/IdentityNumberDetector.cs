namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>
/// Personnummer and samordningsnummer: 10 or 12 digits, a real date, a valid check digit; after a word that names the
/// number (<see cref="AfterItsName"/>), whatever the check digit.
/// </summary>
public sealed class IdentityNumberDetector : NumberDetector
{
    /// <summary>"(020704-2086)": the number inside brackets is read without them.</summary>
    public override Detection? At(string text, int start, DateOnly today) => Read(text, text[start] == '(' ? start + 1 : start, today);

    /// <summary>
    /// After a word that names the number ("pnr", "personnummer", "samordningsnr"): a number written as one with a real
    /// date is one, whatever its check digit (a caseworker's slip of one digit still points to the person).
    /// </summary>
    internal static Detection? AfterItsName(string text, int start, DateOnly today) =>
        Read(text, text[start] == '(' ? start + 1 : start, today, checkDigit: false) is { } found ? found with { Confidence = 0.9 } : null;

    internal static Detection? Read(string text, int start, DateOnly today, bool checkDigit = true)
    {
        var i = start;
        var digits = 0;
        var separatorAt = -1;
        var separatorLength = 1;
        var separator = '\0';
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                i++;
            }
            else if (c == ' ' && separatorAt < 0 && digits is 6 or 8 && i + 3 < text.Length && text[i + 1] is '-' or '–' && text[i + 2] == ' '
                && char.IsAsciiDigit(text[i + 3]))
            {
                separatorAt = i; // "990620 - 7668": a dash with a space each side
                separatorLength = 3;
                separator = '-';
                i += 3;
            }
            else if (c is '-' or '+' or ' ' or '.' or '/' or '_' or 'T' && separatorAt < 0 && digits is 6 or 8
                && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                separatorAt = i;
                separator = c;
                i++;
            }
            else
            {
                break;
            }

            if (digits > 12)
            {
                return null;
            }
        }

        if (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '-' or '/' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
        {
            return null;
        }

        var length = i - start;
        if (digits is not (10 or 12) || (separatorAt >= 0 && i - separatorAt - separatorLength != 4))
        {
            return null;
        }

        Span<char> canonical = stackalloc char[13];
        var n = 0;
        for (var k = start; k < i; k++)
        {
            if (char.IsAsciiDigit(text[k]))
            {
                canonical[n++] = text[k];
            }
            else if (n is 6 or 8)
            {
                canonical[n++] = separator == '+' ? '+' : '-';
            }
        }

        var written = canonical[..n].ToString();
        if (!(checkDigit ? IdentityNumbers.PersonalIdentityNumber.TryGetBirthDate(written, today, out _) : IdentityNumbers.PersonalIdentityNumber.TryGetWrittenBirthDate(written, today, out _)))
        {
            return null;
        }

        var dayTens = canonical[digits == 12 ? 6 : 4] - '0';
        return new Detection(dayTens >= 6 ? IdentifierKind.Samordningsnummer : IdentifierKind.Personnummer, start, length, separator is ' ' or '.' or '/' ? 0.9 : 1.0);
    }
}

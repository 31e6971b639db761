namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>
/// An international bank account number (IBAN): a country's two capitals, two check digits and the account, in groups
/// or not ("SE45 5000 0000 0583 9825 7466"), 15–34 characters whose check digits hold (ISO 13616, modulo 97). The check
/// makes it one without a word before it. Offered by the pass at a two-capital word right before two digits.
/// </summary>
public static class IbanDetector
{
    private const int Shortest = 15;
    private const int Longest = 34;

    /// <summary>The IBAN whose country is the word at [<paramref name="start"/>, <paramref name="end"/>), or null.</summary>
    public static Detection? At(string text, int start, int end)
    {
        if (end - start != 2 || end + 2 > text.Length || !char.IsAsciiLetterUpper(text[start]) || !char.IsAsciiLetterUpper(text[start + 1])
            || !char.IsAsciiDigit(text[end]) || !char.IsAsciiDigit(text[end + 1]))
        {
            return null;
        }

        // The characters without their spaces, and where each group ends (a candidate end: the text may go on after it).
        Span<char> chars = stackalloc char[Longest];
        Span<int> groupEnds = stackalloc int[Longest];
        Span<int> countAt = stackalloc int[Longest];
        var n = 0;
        var groups = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
            {
                if (n == Longest)
                {
                    break;
                }

                chars[n++] = c;
                i++;
                if (i == text.Length || !char.IsAsciiLetterOrDigit(text[i]))
                {
                    groupEnds[groups] = i;
                    countAt[groups++] = n;
                }
            }
            else if (c == ' ' && n >= 4 && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || char.IsAsciiLetterUpper(text[i + 1])))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        // The longest run of whole groups whose check digits hold, and that ends where a word may.
        for (var g = groups - 1; g >= 0; g--)
        {
            if (countAt[g] >= Shortest && !(groupEnds[g] < text.Length && char.IsLetter(text[groupEnds[g]])) && Holds(chars[..countAt[g]]))
            {
                return new Detection(IdentifierKind.BankAccount, start, groupEnds[g] - start, 0.95);
            }
        }

        return null;
    }

    // ISO 7064 MOD 97-10 over the account, then the country and the check digits, letters as 10–35.
    private static bool Holds(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            remainder = char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }
}

using static Socialtjanst.NoteScanning.TextShape;

namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>A postnummer followed by its ort.</summary>
public sealed class PostalCodeDetector : NumberDetector
{
    public override Detection? At(string text, int start, DateOnly today) => Read(text, start);

    /// <summary>"952 31 Kalix" or "44130 Alingsås": a postnummer followed by an ort.</summary>
    internal static Detection? Read(string text, int start)
    {
        var i = start;
        var digits = 0;
        while (i < text.Length && digits < 5 && (char.IsAsciiDigit(text[i]) || (text[i] == ' ' && digits == 3)))
        {
            if (text[i] != ' ')
            {
                digits++;
            }

            i++;
        }

        // The ort in any case ("Kalix", "KALIX"); in lower case only after the spaced form ("952 33 kalix"), which an
        // amount is not written in.
        var spaced = i - start == 6;
        if (digits != 5 || i >= text.Length || text[i] != ' ' || i + 1 >= text.Length || !char.IsLetter(text[i + 1]) || (!char.IsUpper(text[i + 1]) && !spaced) || text[start] == '0')
        {
            return null;
        }

        var end = WordEnd(text, i + 1);
        var ort = text.AsSpan(i + 1, end - i - 1);
        if (ort.Length < 2 || (IsAllCaps(ort) && ort.Length < 3) || Units.GetAlternateLookup<ReadOnlySpan<char>>().Contains(ort))
        {
            return null; // "12350 SEK", "10000 Kronor"
        }

        return new Detection(IdentifierKind.Address, start, end - start, 0.9);
    }
}

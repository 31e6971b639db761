namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>
/// An e-mail address with its '@' and dots spelt as words, so a machine would not read it: "anna.k at exempel dot se",
/// "anna.k at exempel.se", "anna snabel-a exempel punkt se", "anna.k AT exempel DOT se". Offered at the word that spells
/// the '@'; the local part before it has no space in it, and the domain after it needs at least one dot, written or spelt.
/// </summary>
public static class SpeltEmailDetector
{
    /// <summary>The words that spell '@'; the lexicon gives them the class <see cref="WordClass.SpeltAt"/>, so the scan asks this detector only at them.</summary>
    internal static readonly string[] SpeltAt = ["at", "snabel-a", "snabela"];
    private static readonly string[] SpeltDot = ["dot", "punkt", "(dot)", "[dot]", "(punkt)"];

    /// <summary>The address around the word spelling '@' at [atStart, atEnd), or null.</summary>
    public static Detection? At(string text, int atStart, int atEnd)
    {
        if (atStart < 2 || text[atStart - 1] != ' ' || atEnd + 1 >= text.Length || text[atEnd] != ' ')
        {
            return null;
        }

        var localEnd = atStart - 1;
        var start = EmailDetector.LocalStart(text, localEnd);
        if (start == localEnd || !char.IsAsciiLetterOrDigit(text[start]))
        {
            return null;
        }

        // The domain: labels joined by '.' or by a spelt dot between spaces; the last label is the top level.
        var i = atEnd + 1;
        var labels = 0;
        var end = -1;
        while (true)
        {
            var labelEnd = i;
            while (labelEnd < text.Length && (char.IsAsciiLetterOrDigit(text[labelEnd]) || text[labelEnd] == '-'))
            {
                labelEnd++;
            }

            if (labelEnd == i)
            {
                break;
            }

            labels++;
            end = labelEnd;
            if (labelEnd + 1 < text.Length && text[labelEnd] == '.' && char.IsAsciiLetterOrDigit(text[labelEnd + 1]))
            {
                i = labelEnd + 1;
                continue;
            }

            var next = SpeltDotAfter(text, labelEnd);
            if (next < 0)
            {
                break;
            }

            i = next;
        }

        return labels >= 2 && IsTopLevel(text.AsSpan(LabelStart(text, end), end - LabelStart(text, end)))
            ? new Detection(IdentifierKind.Email, start, end - start, 0.9)
            : null;
    }

    /// <summary>Where the label after " dot " starting at <paramref name="from"/> begins, or -1.</summary>
    private static int SpeltDotAfter(string text, int from)
    {
        if (from + 2 >= text.Length || text[from] != ' ')
        {
            return -1;
        }

        var wordEnd = text.IndexOf(' ', from + 1);
        if (wordEnd < 0 || wordEnd + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[wordEnd + 1]))
        {
            return -1;
        }

        return ShortForms.IsOneOf(text.AsSpan(from + 1, wordEnd - from - 1), SpeltDot) ? wordEnd + 1 : -1;
    }

    private static int LabelStart(string text, int end)
    {
        var i = end;
        while (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] == '-'))
        {
            i--;
        }

        return i;
    }

    /// <summary>A top level is 2–6 letters: "se", "com", "nu", "online".</summary>
    private static bool IsTopLevel(ReadOnlySpan<char> label)
    {
        if (label.Length is < 2 or > 6)
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}

namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>An e-mail address: a local part, '@', and a domain with a dot and a name after it ("anna.k@exempel.se").</summary>
public sealed class EmailDetector : IDetector
{
    public IdentifierKind Kind => IdentifierKind.Email;

    public string Anchors => "@";

    public Detection? At(string text, int at, DateOnly today)
    {
        var start = LocalStart(text, at);
        var end = DomainEnd(text, at + 1);
        return start < at && end > 0 ? new Detection(IdentifierKind.Email, start, end - start, 0.99) : null;
    }

    /// <summary>Where the local part ending just before <paramref name="end"/> starts (== end when there is none).</summary>
    internal static int LocalStart(string text, int end)
    {
        var start = end;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '_' or '%' or '+' or '-'))
        {
            start--;
        }

        return start;
    }

    /// <summary>The end of a domain starting at <paramref name="from"/> (a dot and a top level that is not all digits), or -1.</summary>
    internal static int DomainEnd(string text, int from)
    {
        var end = from;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '.'))
        {
            end++;
        }

        while (end > from && text[end - 1] == '.')
        {
            end--; // a full stop after the address ends the sentence, not the domain
        }

        var lastDot = end > from ? text.LastIndexOf('.', end - 1, end - from) : -1;
        return lastDot > from && lastDot < end - 2 && text.AsSpan(lastDot + 1, end - lastDot - 1).ContainsAnyExcept("0123456789") ? end : -1;
    }
}

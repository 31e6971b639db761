namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>An e-mail address: a local part, '@', and a domain with a dot and a name after it ("anna.k@exempel.se").</summary>
public sealed class EmailDetector : IDetector
{
    public IdentifierKind Kind => IdentifierKind.Email;

    public string Anchors => "@";

    public Detection? At(string text, int at, DateOnly today)
    {
        var start = at;
        while (start > 0 && IsLocal(text[start - 1]))
        {
            start--;
        }

        var end = at + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '.'))
        {
            end++;
        }

        while (end > at + 1 && text[end - 1] == '.')
        {
            end--; // a full stop after the address ends the sentence, not the domain
        }

        var lastDot = end > at + 1 ? text.LastIndexOf('.', end - 1, end - at - 1) : -1;

        if (start == at || lastDot < 0 || lastDot >= end - 2 || !text.AsSpan(lastDot + 1, end - lastDot - 1).ContainsAnyExcept("0123456789"))
        {
            return null;
        }

        return new Detection(IdentifierKind.Email, start, end - start, 0.99);

        static bool IsLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';
    }
}

namespace Socialtjanst.NoteScanning.Detectors;

/// <summary>
/// An e-mail address written so a machine would not read it: "anna.k(at)exempel.se", "anna.k [at] exempel.se",
/// "anna.k(a)exempel.se", "anna.k [snabel-a] exempel.se" — a local part, the '@' spelt out in brackets, a domain
/// with a dot. Offered at the bracket; the address is the same identifier as with '@'.
/// </summary>
public sealed class ObfuscatedEmailDetector : IDetector
{
    private static readonly string[] SpeltAt = ["at", "a", "snabel-a", "snabela", "@"];

    public IdentifierKind Kind => IdentifierKind.Email;

    public string Anchors => "([{";

    public Detection? At(string text, int at, DateOnly today)
    {
        var close = text[at] switch { '(' => ')', '[' => ']', _ => '}' };
        var inner = at + 1;
        var end = text.IndexOf(close, inner, Math.Min(12, text.Length - inner));
        if (end < 0 || !IsSpeltAt(text.AsSpan(inner, end - inner)))
        {
            return null;
        }

        var localEnd = at;
        while (localEnd > 0 && text[localEnd - 1] == ' ')
        {
            localEnd--;
        }

        var start = localEnd;
        while (start > 0 && IsLocal(text[start - 1]))
        {
            start--;
        }

        var domainStart = end + 1;
        while (domainStart < text.Length && text[domainStart] == ' ')
        {
            domainStart++;
        }

        var domainEnd = domainStart;
        while (domainEnd < text.Length && (char.IsAsciiLetterOrDigit(text[domainEnd]) || text[domainEnd] is '-' or '.'))
        {
            domainEnd++;
        }

        while (domainEnd > domainStart && text[domainEnd - 1] == '.')
        {
            domainEnd--;
        }

        var lastDot = domainEnd > domainStart ? text.LastIndexOf('.', domainEnd - 1, domainEnd - domainStart) : -1;
        if (start == localEnd || localEnd - at > 1 || domainStart - end > 2 || lastDot <= domainStart || lastDot >= domainEnd - 2
            || !text.AsSpan(lastDot + 1, domainEnd - lastDot - 1).ContainsAnyExcept("0123456789"))
        {
            return null;
        }

        return new Detection(IdentifierKind.Email, start, domainEnd - start, 0.95);

        static bool IsLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';
    }

    private static bool IsSpeltAt(ReadOnlySpan<char> inner)
    {
        inner = inner.Trim();
        foreach (var spelt in SpeltAt)
        {
            if (inner.Equals(spelt, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

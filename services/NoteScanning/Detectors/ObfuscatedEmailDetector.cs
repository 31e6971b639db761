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

        var domainStart = end + 1;
        while (domainStart < text.Length && text[domainStart] == ' ')
        {
            domainStart++;
        }

        // At most one space each side of the spelt '@': "anna (at) exempel.se", not words far apart.
        var start = EmailDetector.LocalStart(text, localEnd);
        var domainEnd = EmailDetector.DomainEnd(text, domainStart);
        return start < localEnd && at - localEnd <= 1 && domainStart - end <= 2 && domainEnd > 0
            ? new Detection(IdentifierKind.Email, start, domainEnd - start, 0.95)
            : null;
    }

    private static bool IsSpeltAt(ReadOnlySpan<char> inner) => ShortForms.IsOneOf(inner.Trim(), SpeltAt);
}

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The context scoring of numbers: which candidate at one place is the identifier. The first in the detectors' order
/// wins, with one exception read from the context: ten digits from 07 without a dash are a mobile number (they may pass
/// as an identity number) unless an identity word stands before them ("Pnr 0702082884"); with a dash after the sixth
/// digit ("070487-7935") they are an identity number unless a phone word stands before them.
/// </summary>
internal static class NumberScoring
{
    public static Detection? Choose(ReadOnlySpan<Detection?> candidates, string text, int start, in PreviousWord previous)
    {
        var digitsAt = text[start] == '(' ? start + 1 : start;
        var identity = Find(candidates, k => k == IdentifierKind.Personnummer || k == IdentifierKind.Samordningsnummer);
        var phone = Find(candidates, k => k == IdentifierKind.Phone);
        if (identity is { } n && phone is { } p && p.Length >= n.Length && text[digitsAt] == '0' && text[digitsAt + 1] == '7' && !previous.IsIdentityCue)
        {
            var identityShape = digitsAt + 6 < text.Length && text[digitsAt + 6] is '-' or '+'; // a date, a dash, four digits
            if (!identityShape || previous.IsPhoneCue)
            {
                return p;
            }
        }

        foreach (var candidate in candidates)
        {
            if (candidate is not null)
            {
                return candidate;
            }
        }

        return null;
    }

    private static Detection? Find(ReadOnlySpan<Detection?> candidates, Func<IdentifierKind, bool> kind)
    {
        foreach (var candidate in candidates)
        {
            if (candidate is { } c && kind(c.Kind))
            {
                return c;
            }
        }

        return null;
    }
}

using Socialtjanst.NoteScanning.Detectors;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The context scoring of numbers: which candidate at one place is the identifier. The detectors are asked in their
/// order and the first candidate holds, unless a later one outweighs it in its context. One does: ten digits from 07
/// without a dash are a mobile number (they may pass as an identity number) unless an identity word stands before them
/// ("Pnr 0702082884"); with a dash after the sixth digit ("070487-7935") they are an identity number unless a phone word
/// stands before them. A detector whose candidate can never outweigh an earlier one is not asked once one is found.
/// </summary>
internal static class NumberScoring
{
    public static Detection? Choose(string text, int start, DateOnly today, in PreviousWord previous)
    {
        Detection? best = null;
        foreach (var detector in NumberDetectors.Ordered)
        {
            if (best is { } earlier && !MayOutweigh(detector, earlier))
            {
                continue;
            }

            if (detector.At(text, start, today) is not { } candidate)
            {
                continue;
            }

            if (best is not { } held || Outweighs(candidate, held, text, start, previous))
            {
                best = candidate;
            }
        }

        // "konto 8327-9, 123 456 789-0", "pass nr 87654321": a number its word names, unless an identity number was read. The
        // word before is looked up only when it may be one: an account's or a document's word (shorthand to the pass), "nr",
        // "nummer", "är", or a bank's name ("hos Nordea 3000 …").
        if ((best is null || best.Value.Kind == IdentifierKind.Phone)
            && ((previous.Class & (WordClass.Shorthand | WordClass.PhoneCue | WordClass.Verb)) != 0 || previous.Capitalized)
            && Named(text, start, best) is { } named)
        {
            return named;
        }

        if (best is not null)
        {
            return best;
        }

        // "pnr 410312-2388", "född 410312-2388": named a personnummer or a birth, it is one even with a check digit that does
        // not hold; "född 1939-08-02": named a birth date, a whole date is one.
        var born = BirthDateDetector.FollowsItsWord(text, previous.Start, previous.End);
        return (previous.IsIdentityCue || born ? IdentityNumberDetector.AfterItsName(text, start, today) : null)
            ?? (born ? BirthDateDetector.At(text, start, today) : null);
    }

    // Not inlined: most numbers never get here, and the pass's hot path stays small.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Detection? Named(string text, int start, Detection? phone) =>
        NamedNumberDetector.At(text, start) is { } named && (phone is not { } p || named.Length >= p.Length) ? named : null;

    /// <summary>Only a phone number can outweigh an identity number read from the same digits.</summary>
    private static bool MayOutweigh(NumberDetector later, Detection earlier) =>
        later is PhoneDetector && (earlier.Kind == IdentifierKind.Personnummer || earlier.Kind == IdentifierKind.Samordningsnummer);

    private static bool Outweighs(Detection phone, Detection identity, string text, int start, in PreviousWord previous)
    {
        var digitsAt = text[start] == '(' ? start + 1 : start;
        if (phone.Kind != IdentifierKind.Phone || phone.Length < identity.Length || text[digitsAt] != '0' || text[digitsAt + 1] != '7' || previous.IsIdentityCue)
        {
            return false;
        }

        var identityShape = digitsAt + 6 < text.Length && text[digitsAt + 6] is '-' or '+'; // a date, a dash, four digits
        return !identityShape || previous.IsPhoneCue;
    }
}

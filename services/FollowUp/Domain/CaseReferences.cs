using System.Text.RegularExpressions;
using Socialtjanst.IdentityNumbers;
using Socialtjanst.NoteScanning;
using Socialtjanst.NoteScanning.Detectors;

namespace Socialtjanst.FollowUp.Domain;

/// <summary>
/// A case reference is pseudonymous: it points at the kommun's own case, never at the person. It must have one
/// of the shapes the kommun allows (its own case-number format, else the safe default below), and, whatever the
/// shape allows, nothing in it may read as a personnummer in any written form, a birth date, a name (also run
/// together, in any case, or with digits), an e-mail or web address, or another identifier the note scanner finds.
/// A kommun whose own numbers hold a date or a long serial marks that part of its format with a named group
/// (<c>(?&lt;date&gt;…)</c> or <c>(?&lt;serial&gt;…)</c>): that part is then its numbering, not a birth date, and
/// is refused only when the reference as a whole is a valid personnummer or samordningsnummer.
/// </summary>
public sealed class CaseReferences(Regex defaultFormat, IReadOnlyDictionary<string, Regex> formats)
{
    /// <summary>
    /// The default shape: up to eight parts joined by one of <c>- . / _</c>, each a number (1–12 digits), a code in
    /// capitals (<c>IFO</c>), a word in lower case (<c>hemlig</c>) or with a capital first (<c>Kalix</c>), a short
    /// mixed abbreviation (<c>BoU</c>), or hexadecimal in one case (4–32: a UUID's parts, a hash). Letters and digits
    /// are never mixed in one part otherwise (<c>AS811218</c>, <c>Svensson81</c>, <c>Storgatan12</c>), nor are words
    /// run together (<c>AnnaSvensson</c>); and a part of six letters or more in capitals or lower case must be an
    /// ordinary word (<see cref="CaseReferenceReading.HoldsAnUnknownLongWord"/>).
    /// </summary>
    public const string DefaultPattern =
        "^(?:" + Part + ")(?:[-./_](?:" + Part + ")){0,7}$";

    private const string Part =
        "[0-9]{1,12}|[A-ZÅÄÖ]{1,16}|[a-zåäö]{1,16}|[A-ZÅÄÖ][a-zåäö]{1,15}|[A-ZÅÄÖ][a-zåäö]{1,2}[A-ZÅÄÖ]|[0-9a-f]{4,32}|[0-9A-F]{4,32}";

    /// <summary>The group names a kommun's format may use for the parts that are its own numbering.</summary>
    public static readonly string[] NumberingGroups = ["date", "serial"];

    public static CaseReferences Default { get; } = new(Compile(DefaultPattern), new Dictionary<string, Regex>());

    /// <summary>Linear time whatever a kommun writes (no backtracking to blow up); the timeout is only a backstop.</summary>
    public static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));

    /// <summary>Why the reference may not be stored (a text for the caller that never repeats it), or null.</summary>
    public string? Refusal(string municipality, string reference, DateOnly today)
    {
        var own = formats.TryGetValue(municipality, out var kommunFormat);
        var format = own ? kommunFormat! : defaultFormat;
        var match = reference.Length is 0 or > 64 ? Match.Empty : format.Match(reference);
        if (!match.Success)
        {
            return own
                ? "Ärendereferensen följer inte kommunens format för ärendenummer."
                : "Ärendereferensen följer inte formatet för ärendenummer: 1–64 tecken i delar åtskilda av - . / eller _, varje del siffror, versaler, ett ord eller hexadecimalt; bokstäver och siffror blandas inte i en del.";
        }

        // The parts the kommun's format names as its numbering are read as such, not as birth dates.
        var numbering = Numbering(format, match);
        var rest = numbering.Count == 0 ? reference : Blank(reference, numbering);
        if (PersonalIdentityNumber.LooksLikeOneInAnyForm(rest) || (numbering.Count > 0 && PersonalIdentityNumber.IsOneInAnyForm(reference, today)))
        {
            return "Ärendereferensen ser ut som ett personnummer; använd en pseudonym referens.";
        }

        if (CaseReferenceReading.HoldsABirthDate(rest, today))
        {
            return "Ärendereferensen innehåller ett födelsedatum; använd en pseudonym referens (ett datum i kommunens eget format anges i formatet som (?<date>…)).";
        }

        if (CaseReferenceReading.HoldsAWebAddress(reference))
        {
            return "Ärendereferensen innehåller en e-post- eller webbadress; använd en pseudonym referens.";
        }

        // Read as the scanner reads a note: separators become spaces and words run together are taken apart,
        // so "Anna.Svensson", "AnnaSvensson" and "Storgatan12" are each two words.
        var words = CaseReferenceReading.Words(reference);
        if (!own && CaseReferenceReading.HoldsAnUnknownLongWord(reference))
        {
            return "Ärendereferensen innehåller ett långt ord som inte är ett vanligt ord (ofta ett namn); koder har högst fem bokstäver.";
        }

        foreach (var found in IdentifierScanner.Scan(string.Join(' ', words), today).Concat(IdentifierScanner.Scan(reference, today)))
        {
            // A code is not prose: capitals and unknown words are its normal shape ("KX-OUTAGE-1"), so a
            // name the scanner finds by shape alone does not count, nor three capitals and three digits that
            // no vehicle word names ("XYZ123" is a plate's shape and a code's); every other kind does.
            if (found.Kind != IdentifierKind.Name
                && !(found.Kind == IdentifierKind.VehicleRegistration && found.Confidence <= VehicleRegistrationDetector.ByShapeAlone))
            {
                return "Ärendereferensen innehåller en personuppgift; använd en pseudonym referens.";
            }
        }

        return CaseReferenceReading.HoldsAName(reference)
            ? "Ärendereferensen innehåller ett namn; använd en pseudonym referens."
            : null;
    }

    private static List<(int Start, int Length)> Numbering(Regex format, Match match)
    {
        var spans = new List<(int, int)>();
        foreach (var name in NumberingGroups)
        {
            if (format.GroupNumberFromName(name) >= 0)
            {
                spans.AddRange(match.Groups[name].Captures.Select(c => (c.Index, c.Length)));
            }
        }

        return spans;
    }

    private static string Blank(string reference, List<(int Start, int Length)> spans)
    {
        var chars = reference.ToCharArray();
        foreach (var (start, length) in spans)
        {
            Array.Fill(chars, ' ', start, length);
        }

        return new string(chars);
    }
}

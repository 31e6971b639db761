using System.Text.RegularExpressions;
using Socialtjanst.IdentityNumbers;
using Socialtjanst.NoteScanning;

namespace Socialtjanst.FollowUp.Domain;

/// <summary>
/// A case reference is pseudonymous: it points at the kommun's own case, never at the person. It must
/// match the kommun's own case-number format (an allow-list), and, whatever that format allows, nothing
/// in it may read as a personnummer in any written form or as a personal identifier the note scanner
/// finds (a name, a phone number, an e-mail or street address).
/// </summary>
public sealed class CaseReferences(Regex defaultFormat, IReadOnlyDictionary<string, Regex> formats)
{
    /// <summary>The default format: 1–64 characters, letters, digits and _ . / -, starting with a letter or digit.</summary>
    public const string DefaultPattern = "^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$";

    private static readonly char[] Separators = ['_', '.', '/', '-'];

    public static CaseReferences Default { get; } = new(new Regex(DefaultPattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1)), new Dictionary<string, Regex>());

    /// <summary>Why the reference may not be stored (a text for the caller that never repeats it), or null.</summary>
    public string? Refusal(string municipality, string reference, DateOnly today)
    {
        var format = formats.GetValueOrDefault(municipality, defaultFormat);
        if (reference.Length is 0 or > 64 || !format.IsMatch(reference))
        {
            return formats.ContainsKey(municipality)
                ? "Ärendereferensen följer inte kommunens format för ärendenummer."
                : "1–64 tecken: bokstäver, siffror och _ . / -.";
        }

        if (PersonalIdentityNumber.LooksLikeOneInAnyForm(reference))
        {
            return "Ärendereferensen ser ut som ett personnummer; använd en pseudonym referens.";
        }

        // Read as the scanner reads a note: separators become spaces, so "Anna.Svensson" is two words.
        var words = string.Join(' ', reference.Split(Separators, StringSplitOptions.RemoveEmptyEntries));
        foreach (var found in IdentifierScanner.Scan(words, today))
        {
            // A code is not prose: capitals and unknown words are its normal shape ("KX-OUTAGE-1"), so a
            // name the scanner finds by shape alone does not count; every other kind does.
            if (found.Kind != IdentifierKind.Name)
            {
                return "Ärendereferensen innehåller en personuppgift; använd en pseudonym referens.";
            }
        }

        var tokens = words.Split(' ');
        for (var i = 0; i < tokens.Length; i++)
        {
            var beside = (i > 0 && IsKnownName(tokens[i - 1])) || (i + 1 < tokens.Length && IsKnownName(tokens[i + 1]));
            if (IsName(tokens[i], beside))
            {
                return "Ärendereferensen innehåller ett namn; använd en pseudonym referens.";
            }
        }

        return null;
    }

    /// <summary>
    /// A given name or surname as a code would not write it: in title case ("KX-Linda-1",
    /// "Anna.Svensson"), in lower case unless it is also an ordinary word ("svensson", not "linda"), in
    /// capitals when four letters or more or beside another name ("ANNA", "ANNA-SVENSSON"; an
    /// abbreviation such as "IVO" or "BOU" is left alone).
    /// </summary>
    private static bool IsName(string word, bool besideAName)
    {
        if (!IsKnownName(word))
        {
            // Codes abbreviate in capitals ("IFO", "BoU"); a capitalised word of four letters or more that
            // is neither an ordinary word nor a known place or agency reads as a name the data lacks ("Hoxha").
            return word.Length >= 4 && char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower)
                && (Lexicon.Instance.Classify(word) & (WordClass.Word | WordClass.Proper)) == 0;
        }

        if (word.All(char.IsUpper))
        {
            return word.Length >= 4 || besideAName;
        }

        return !word.All(char.IsLower) || (Lexicon.Instance.Classify(word) & WordClass.Word) == 0;
    }

    private static bool IsKnownName(string word) =>
        word.Length >= 2 && word.All(char.IsLetter) && (Lexicon.Instance.Classify(word) & (WordClass.Given | WordClass.Surname)) != 0;
}

using Socialtjanst.Hosting.Privacy;

namespace Socialtjanst.Documentation.Domain;

/// <summary>An identifier in a text: which detector found it, and where.</summary>
public readonly record struct Detection(string Detector, int Start, int Length);

/// <summary>
/// Finds personal identifiers in Swedish text in one pass, without regular expressions:
/// personnummer and samordningsnummer in every written form (10 or 12 digits, "-", "+" or none;
/// a real date, leap days included; a valid check digit), e-mail addresses and Swedish phone
/// numbers (mobile, landline, +46), postal addresses (street and number; postnummer and ort) and
/// personal names (a token lookup in name lists shipped as data, with context). Dates, times,
/// case numbers and amounts are not identifiers.
/// </summary>
public static class IdentifierScanner
{
    public const string Personnummer = "personnummer";
    public const string Samordningsnummer = "samordningsnummer";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Name = "name";
    public const string Address = "address";

    public static List<Detection> Scan(string text, DateOnly today)
    {
        var found = new List<Detection>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '@')
            {
                if (EmailAt(text, i) is { } email)
                {
                    // The local part may already have been passed over as plain text.
                    found.RemoveAll(d => d.Start >= email.Start && d.Start < email.Start + email.Length);
                    found.Add(email);
                    i = email.Start + email.Length;
                    continue;
                }
            }
            else if (char.IsUpper(c) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                var end = WordEnd(text, i);
                if (StreetAt(text, i, end) is { } street)
                {
                    found.Add(street);
                    i = street.Start + street.Length;
                    continue;
                }

                if (NameAt(text, i, end) is { } name)
                {
                    found.Add(name);
                    i = name.Start + name.Length;
                    continue;
                }

                i = end;
                continue;
            }
            else if ((char.IsAsciiDigit(c) || c == '+') && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                if (IdentityNumberAt(text, i, today) is { } number)
                {
                    found.Add(number);
                    i += number.Length;
                    continue;
                }

                if (PhoneAt(text, i) is { } phone)
                {
                    found.Add(phone);
                    i += phone.Length;
                    continue;
                }

                if (PostalCodeAt(text, i) is { } postal)
                {
                    found.Add(postal);
                    i += postal.Length;
                    continue;
                }

                // Skip the rest of this number so its tail is not read as a new one.
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '+'))
                {
                    i++;
                }

                continue;
            }

            i++;
        }

        return found;
    }

    private static Detection? IdentityNumberAt(string text, int start, DateOnly today)
    {
        var i = start;
        var digits = 0;
        var separatorAt = -1;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                i++;
            }
            else if ((c == '-' || c == '+') && separatorAt < 0 && digits is 6 or 8 && i + 4 < text.Length + 1)
            {
                separatorAt = i;
                i++;
            }
            else
            {
                break;
            }

            if (digits > 12)
            {
                return null;
            }
        }

        if (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            return null;
        }

        var length = i - start;
        if (digits is not (10 or 12) || (separatorAt >= 0 && i - separatorAt - 1 != 4))
        {
            return null;
        }

        var candidate = text.AsSpan(start, length).ToString();
        if (!PersonalIdentityNumber.TryGetBirthDate(candidate, today, out _))
        {
            return null;
        }

        var dayTens = candidate[digits == 12 ? 6 : 4] - '0';
        return new Detection(dayTens >= 6 ? Samordningsnummer : Personnummer, start, length);
    }

    private static Detection? EmailAt(string text, int at)
    {
        var start = at;
        while (start > 0 && IsLocal(text[start - 1]))
        {
            start--;
        }

        var end = at + 1;
        var lastDot = -1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '.'))
        {
            if (text[end] == '.')
            {
                lastDot = end;
            }

            end++;
        }

        while (end > at + 1 && text[end - 1] == '.')
        {
            end--; // a full stop after the address ends the sentence, not the domain
        }

        lastDot = end > at + 1 ? text.LastIndexOf('.', end - 1, end - at - 1) : -1;

        if (start == at || lastDot < 0 || lastDot >= end - 2 || !text.AsSpan(lastDot + 1, end - lastDot - 1).ContainsAnyExcept("0123456789"))
        {
            return null;
        }

        return new Detection(Email, start, end - start);

        static bool IsLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';
    }

    private static Detection? PhoneAt(string text, int start)
    {
        var i = start;
        Span<int> groups = stackalloc int[8];
        var groupCount = 0;
        var digits = new System.Text.StringBuilder(14);
        var dashes = 0;
        if (text[i] == '+')
        {
            i++;
        }

        var current = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                current++;
                i++;
            }
            else if ((c == ' ' || c == '-') && current > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && groupCount < 7)
            {
                dashes += c == '-' ? 1 : 0;
                groups[groupCount++] = current;
                current = 0;
                i++;
            }
            else
            {
                break;
            }

            if (digits.Length > 13)
            {
                return null;
            }
        }

        groups[groupCount++] = current;
        if (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            return null;
        }

        var number = digits.ToString();
        string national;
        if (text[start] == '+')
        {
            if (!number.StartsWith("46", StringComparison.Ordinal))
            {
                return null;
            }

            national = "0" + number[2..];
        }
        else if (number.StartsWith("0046", StringComparison.Ordinal))
        {
            national = "0" + number[4..];
        }
        else
        {
            national = number;
        }

        // A date such as 01-10-2025 or 2025-10-01 is not a phone number.
        var shape = groups[..groupCount];
        if (dashes == groupCount - 1 && groupCount == 3 && ((shape[0] == 2 && shape[1] == 2 && shape[2] == 4) || (shape[0] == 4 && shape[1] == 2 && shape[2] == 2)))
        {
            return null;
        }

        var isMobile = national.Length == 10 && national.StartsWith("07", StringComparison.Ordinal);
        var isLandline = national.Length is >= 8 and <= 10 && national[0] == '0' && national[1] != '0' && national[1] != '7';
        return isMobile || isLandline ? new Detection(Phone, start, i - start) : null;
    }

    private static readonly HashSet<string> FirstNames = Load("first-names.txt");
    private static readonly HashSet<string> Surnames = Load("surnames.txt");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstNameLookup = FirstNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SurnameLookup = Surnames.GetAlternateLookup<ReadOnlySpan<char>>();

    // Names that are also ordinary words ("Bo", "Per", "Berg", "Lund"): a name only beside another name,
    // or capitalized where a sentence does not begin.
    private static readonly HashSet<string> Ambiguous = new(StringComparer.Ordinal)
    {
        "Bo", "Per", "Jan", "Dan", "Max", "Lo", "Berg", "Holm", "Lund", "Falk", "Björk", "Lind", "Ström", "Ali", "Otto", "Vera",
    };

    private static readonly string[] StreetSuffixes =
        ["gatan", "vägen", "gränd", "gränden", "stigen", "torget", "backen", "allén", "leden", "platsen", "stråket", "gata", "väg"];

    private static HashSet<string> Load(string resource)
    {
        using var stream = typeof(IdentifierScanner).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Name list {resource} is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }

    private static int WordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsLetter(text[i]) || (text[i] == '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
        {
            i++;
        }

        return i;
    }

    private static bool SentenceStart(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or ':' or '"' or '(';
    }

    private static Detection? NameAt(string text, int start, int end)
    {
        var word = text.AsSpan(start, end - start);
        var first = FirstNameLookup.Contains(word);
        var last = SurnameLookup.Contains(word);
        if (!first && !last)
        {
            return null;
        }

        // "Anna Svensson", "Anna Maria Svensson": the following capitalized names belong to it.
        var spanEnd = end;
        var joined = false;
        while (spanEnd + 1 < text.Length && text[spanEnd] == ' ' && char.IsUpper(text[spanEnd + 1]))
        {
            var nextEnd = WordEnd(text, spanEnd + 1);
            var next = text.AsSpan(spanEnd + 1, nextEnd - spanEnd - 1);
            if (!SurnameLookup.Contains(next) && !FirstNameLookup.Contains(next))
            {
                break;
            }

            spanEnd = nextEnd;
            joined = true;
        }

        if (!joined && Ambiguous.Contains(word.ToString()) && SentenceStart(text, start))
        {
            return null;
        }

        return new Detection(Name, start, spanEnd - start);
    }

    private static Detection? StreetAt(string text, int start, int end)
    {
        var word = text.AsSpan(start, end - start);
        var isStreet = false;
        foreach (var suffix in StreetSuffixes)
        {
            if (word.Length > suffix.Length + 1 && word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                isStreet = true;
                break;
            }
        }

        if (!isStreet || end + 1 >= text.Length || text[end] != ' ' || !char.IsAsciiDigit(text[end + 1]))
        {
            return null;
        }

        var i = end + 1;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && i - end <= 4)
        {
            i++;
        }

        if (i < text.Length && char.IsAsciiLetter(text[i]) && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1])))
        {
            i++; // "12B"
        }

        return i < text.Length && char.IsLetterOrDigit(text[i]) ? null : new Detection(Address, start, i - start);
    }

    /// <summary>"952 31 Kalix" or "44130 Alingsås": a postnummer followed by an ort.</summary>
    private static Detection? PostalCodeAt(string text, int start)
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

        if (digits != 5 || i >= text.Length || char.IsAsciiDigit(text[i]) || text[i] != ' ' || i + 1 >= text.Length || !char.IsUpper(text[i + 1]) || text[start] == '0')
        {
            return null;
        }

        var end = WordEnd(text, i + 1);
        return end - i - 1 >= 2 ? new Detection(Address, start, end - start) : null;
    }
}

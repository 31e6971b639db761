using static Socialtjanst.NoteScanning.Streets;
using static Socialtjanst.NoteScanning.TextShape;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The address detector: a street or village with its house number and what belongs after it, "lgh 1301", "Box 12",
/// a c/o before it (docs/note-review.md). It reads the scan's state (the word before, where a c/o stood) and keeps none.
/// </summary>
internal readonly struct AddressDetector(ScanState s)
{
    private string text => s.Text;

    private ref readonly PreviousWord previous => ref s.Previous;

    private Lexicon lexicon => s.Lexicon;

    private int careOfStart => s.CareOfStart;

    private bool OnlySpaces(int from, int to) => s.OnlySpaces(from, to);
    /// <summary>
    /// A street address: "Storgatan 12B", "Strandv. 15", "Norra Järnvägsgatan 3 A, lgh 1301, 2 tr", a village
    /// address ("Rolfs 218") after an address word or with a name-like first part, or "lgh 1301" alone.
    /// </summary>
    public Detection? At(int start, int end, WordClass cls)
    {
        // Every address has a number after its first word: "Storgatan 12", "Strandv. 15", "lgh 1301".
        var dot = end < text.Length && text[end] == '.' ? 1 : 0;
        if (end + dot + 1 >= text.Length || text[end + dot] != ' ' || !char.IsAsciiDigit(text[end + dot + 1]))
        {
            return null;
        }

        var word = text.AsSpan(start, end - start);
        if (word.Equals("lgh", StringComparison.OrdinalIgnoreCase))
        {
            var n = HouseNumberEnd(end, 4);
            return n > 0 ? new Detection(IdentifierKind.Address, start, n - start, 0.9) : null;
        }

        if (word.Equals("box", StringComparison.OrdinalIgnoreCase) && dot == 0)
        {
            var n = HouseNumberEnd(end, 5); // "Box 123, 952 22 Kalix": a post box is where a person gets post
            return n > 0 ? new Detection(IdentifierKind.Address, CareOfStart(start), AddressTail(n) - CareOfStart(start), 0.9) : null;
        }

        // Lower case: only a word that ends like a street ("storgatan 12"); a capital otherwise.
        if ((!char.IsUpper(word[0]) && !IsStreetWord(word) && !HasStreetSuffix(word)) || word.Length < 2)
        {
            return null;
        }

        var at = end;
        var abbreviated = at < text.Length && text[at] == '.' && IsStreetAbbreviation(word);
        if (abbreviated)
        {
            at++;
        }

        var numberEnd = HouseNumberEnd(at, 3);
        if (numberEnd < 0)
        {
            return null;
        }

        var street = abbreviated || HasStreetSuffix(word);
        var prefixed = previous.PrefixStart >= 0 && previous.PrefixStart == previous.Start && OnlySpacesOrDot(previous.End, start);
        var twoWords = !prefixed && IsStreetWord(word) && previous.Start >= 0 && char.IsUpper(text[previous.Start]) && OnlySpaces(previous.End, start);
        if (IsStreetWord(word) && RegnalStart(start) is var regnal and >= 0)
        {
            return new Detection(IdentifierKind.Address, regnal, AddressTail(numberEnd) - regnal, 0.9); // "Karl XII:s gata 4"
        }

        if (twoWords)
        {
            var first = CareOfStart(previous.Start);
            return new Detection(IdentifierKind.Address, first, AddressTail(numberEnd) - first, 0.9); // "Eklunds Väg 19"
        }
        if (!street && !prefixed)
        {
            var evidence = NameRules.Read(lexicon, word, cls);
            if (evidence.Listed || IsAllCaps(word) || (evidence.Word && !previous.IsAddressCue) || (SentenceStart(text, start) && !previous.IsAddressCue && evidence.Word))
            {
                return null;
            }

            if (!previous.IsAddressCue && !NameRules.IsCompound(lexicon, word) && !evidence.Proper && !evidence.KnownName && !evidence.Shape)
            {
                return null;
            }
        }

        var from = CareOfStart(prefixed ? previous.PrefixStart : start);
        return new Detection(IdentifierKind.Address, from, AddressTail(numberEnd) - from, street ? 0.95 : 0.75);
    }

    /// <summary>"c/o Berg, Storgatan 3": where "c/o" stands before an address on the same line, the address starts there.</summary>
    private int CareOfStart(int from)
    {
        if (careOfStart < 0 || careOfStart >= from || from - careOfStart > 60)
        {
            return from;
        }

        return text.AsSpan(careOfStart, from - careOfStart).IndexOfAny('\n', '.', ';') < 0 ? careOfStart : from;
    }

    /// <summary>"Karl XII:s gata": the start of a king's name and regnal number before a street word, or -1.</summary>
    private int RegnalStart(int streetWord)
    {
        var i = streetWord - 1;
        if (i < 4 || text[i] != ' ' || text[i - 1] != 's' || text[i - 2] != ':')
        {
            return -1;
        }

        var numeral = i - 2;
        while (numeral > 0 && text[numeral - 1] is 'I' or 'V' or 'X')
        {
            numeral--;
        }

        if (numeral == i - 2 || numeral < 3 || text[numeral - 1] != ' ')
        {
            return -1;
        }

        var name = numeral - 1;
        while (name > 0 && char.IsLetter(text[name - 1]))
        {
            name--;
        }

        return name < numeral - 2 && char.IsUpper(text[name]) ? name : -1;
    }

    private bool OnlySpacesOrDot(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] is not (' ' or '.'))
            {
                return false;
            }
        }

        return to > from;
    }

    /// <summary>After " 12": the end of a house number of 1–<paramref name="maxDigits"/> digits, or -1.</summary>
    private int HouseNumberEnd(int at, int maxDigits)
    {
        if (at + 1 >= text.Length || text[at] != ' ' || !char.IsAsciiDigit(text[at + 1]))
        {
            return -1;
        }

        var i = at + 1;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i - at - 1 > maxDigits || (text[at + 1] == '0' && maxDigits < 4))
        {
            return -1;
        }

        if (i < text.Length && char.IsAsciiLetter(text[i]) && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1])))
        {
            return i + 1; // "12B"
        }

        if (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '/' or ':' or '%' || (text[i] is '.' or ',' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
        {
            return -1; // "12/3", "14:30", "3,5", "12.30"
        }

        return IsUnitAfter(i) || IsThousandsGroupAt(i) ? -1 : i;
    }

    /// <summary>
    /// " 500 kr" after "11": a group of three digits that is not the first half of a postnummer (" 952 31"), so the
    /// number before is an amount written in groups ("Ersättning 11 500 kr"), not a house number.
    /// </summary>
    private bool IsThousandsGroupAt(int i)
    {
        if (i + 4 > text.Length || text[i] != ' ' || !char.IsAsciiDigit(text[i + 1]) || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
        {
            return false;
        }

        var after = i + 4;
        if (after < text.Length && char.IsAsciiDigit(text[after]))
        {
            return false;
        }

        var postnummer = after + 2 < text.Length && text[after] == ' ' && char.IsAsciiDigit(text[after + 1]) && char.IsAsciiDigit(text[after + 2])
            && (after + 3 == text.Length || !char.IsAsciiDigit(text[after + 3]));
        return !postnummer;
    }

    /// <summary>"3 år", "12 kr", "4 av 5": a quantity, not a house number.</summary>
    private bool IsUnitAfter(int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (i >= text.Length || !char.IsLetter(text[i]))
        {
            return false;
        }

        var end = WordEnd(text, i);
        return Units.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(i, end - i));
    }

    private static readonly string[] UnitWords = ["lgh", "lägenhet", "lägenhetsnr", "port", "portnr", "uppg", "uppgång", "ingång", "vån", "våning", "trappa"];

    /// <summary>
    /// After a house number: the end of a part of the building — an apartment ("lgh 1102", "lgh nr 1102", "lägenhet 1102"),
    /// a port, an entrance ("uppg. B"), a floor ("vån 3", "vån. 3") — or -1.
    /// </summary>
    private int UnitPartEnd(int i)
    {
        var wordEnd = WordEnd(text, i);
        if (wordEnd == i || !ShortForms.IsOneOf(text.AsSpan(i, wordEnd - i), UnitWords))
        {
            return -1;
        }

        var at = wordEnd < text.Length && text[wordEnd] == '.' ? wordEnd + 1 : wordEnd;
        if (at + 3 < text.Length && text[at] == ' ' && text.AsSpan(at + 1, 2).Equals("nr", StringComparison.OrdinalIgnoreCase))
        {
            at += 3; // "lgh nr 1102"
            at = at < text.Length && text[at] == '.' ? at + 1 : at;
        }

        if (at + 1 < text.Length && text[at] == ' ' && char.IsAsciiLetter(text[at + 1]) && char.IsUpper(text[at + 1])
            && (at + 2 == text.Length || !char.IsLetterOrDigit(text[at + 2])))
        {
            return at + 2; // "uppg. B"
        }

        var digitsEnd = at + 1;
        while (digitsEnd < text.Length && char.IsAsciiDigit(text[digitsEnd]))
        {
            digitsEnd++;
        }

        return at < text.Length && text[at] == ' ' && digitsEnd - at - 1 is >= 1 and <= 4
            && (digitsEnd == text.Length || !char.IsLetterOrDigit(text[digitsEnd])) && !IsUnitAfter(digitsEnd) ? digitsEnd : -1;
    }

    /// <summary>What follows a house number and still belongs to the address: " A", ", lgh 1301", " 2 tr".</summary>
    private int AddressTail(int end)
    {
        while (true)
        {
            var i = end;
            if (i + 1 < text.Length && text[i] == ',' && text[i + 1] == ' ')
            {
                i += 2;
            }
            else if (i < text.Length && text[i] == ' ')
            {
                i++;
            }
            else
            {
                return end;
            }

            if (i + 1 < text.Length && char.IsUpper(text[i]) && char.IsAsciiLetter(text[i]) && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1])) && text[i - 1] == ' ' && text[i - 2] != ',')
            {
                end = i + 1; // "24 A"
                continue;
            }

            if (UnitPartEnd(i) is var part and > 0)
            {
                end = part; // ", lgh nr 1102", ", port 2", ", uppg. B", ", vån 3"
                continue;
            }

            if (text[i - 1] == ' ' && Detectors.PostalCodeDetector.Read(text, i) is { } postal)
            {
                end = postal.End; // ", 952 33 KALIX"
                continue;
            }

            if (i < text.Length && text[i - 2] == ',' && char.IsUpper(text[i]) && WordEnd(text, i) is var ortEnd and > 0 && IsOrt(i, ortEnd))
            {
                return ortEnd; // "Storgatan 12, Luleå": the ort, written without its postnummer
            }

            var d = i;
            while (d < text.Length && char.IsAsciiDigit(text[d]))
            {
                d++;
            }

            if (d > i && d - i <= 2 && d + 3 <= text.Length && text[d] == ' ' && text.AsSpan(d + 1, 2).Equals("tr", StringComparison.OrdinalIgnoreCase)
                && (d + 3 == text.Length || !char.IsLetter(text[d + 3])))
            {
                end = d + 3; // "2 tr"
                continue;
            }

            return end;
        }
    }

    /// <summary>
    /// The word at [start, end) after "street number, ": a place the dictionary or the municipalities know ("Luleå", "Falun"), or a word no list knows
    /// that ends the sentence or the line ("Ängsvägen 19, Falun."): an ort the dictionary lacks; a known name is not one.
    /// </summary>
    private bool IsOrt(int start, int end)
    {
        var cls = lexicon.Classify(text.AsSpan(start, end - start));
        if ((cls & (WordClass.Proper | WordClass.Name)) == WordClass.Proper || (cls & (WordClass.Town | WordClass.Name)) == WordClass.Town)
        {
            return true;
        }

        return cls == WordClass.None && end - start >= 3 && (end == text.Length || text[end] is '.' or '\n' or '\r' or ')' or ';');
    }
}

using static Socialtjanst.NoteScanning.TextShape;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// Finds personal identifiers in Swedish text in one pass, without regular expressions: personnummer
/// and samordningsnummer in every written form (10 or 12 digits; "-", "+", space, ".", "/" or none;
/// a real date; a valid check digit), e-mail addresses (Detectors/EmailDetector, offered at its anchor), Swedish phone numbers as people write them
/// (spaces, hyphens, slashes, dots, an area code in brackets, +46 (0)…), postal addresses (streets,
/// village addresses, abbreviations, "Norra …", "lgh 1301", "24 A", "2 tr"; postnummer and ort)
/// and personal names (see <see cref="NameRules"/>); birth dates, bank accounts, vehicle registration numbers, user names and
/// documents' numbers (Detectors/). Dates, times, case numbers and amounts are not identifiers.
/// </summary>
public static class IdentifierScanner
{
    public static List<Detection> Scan(string text, DateOnly today) => new Pass(new ScanState(text, today, Lexicon.Instance)).Run();

    /// <summary>
    /// A structured field's value, read as a note would be with the field's name before it (<see cref="FieldNames"/>): a
    /// value "1939-08-02" of a field "fodelsedatum" is a birth date, "8214-9 903 123 456-7" of a field "kontonummer" an
    /// account. The spans are the value's; a field whose name says nothing is read as its value alone.
    /// </summary>
    public static List<Detection> ScanField(string name, string value, DateOnly today)
    {
        if (FieldNames.CueFor(name) is not { } cue)
        {
            return Scan(value, today);
        }

        var prefix = cue.Length + 2;
        var found = Scan(cue + ": " + value, today);
        var inValue = new List<Detection>(found.Count);
        foreach (var d in found)
        {
            if (d.End > prefix)
            {
                var start = Math.Max(d.Start, prefix);
                inValue.Add(d with { Start = start - prefix, Length = d.End - start });
            }
        }

        return inValue;
    }

    /// <summary>
    /// One scan of one text, in four stages: it reads tokens (an anchor, a word, a number), offers each to the detectors
    /// of its kind in their order (candidates), lets the context choose (NumberScoring, NameDetector's score), and keeps
    /// the spans (a longer identifier drops what it covers; a name takes in its neighbours). Its state is a ScanState.
    /// </summary>
    private readonly ref struct Pass(ScanState s)
    {
        private string text => s.Text;

        private DateOnly today => s.Today;

        private Lexicon lexicon => s.Lexicon;

        private List<Detection> found => s.Found;

        private ref PreviousWord previous => ref s.Previous;

        private ref LookAhead ahead => ref s.Ahead;

        public List<Detection> Run()
        {
            var text = s.Text; // read once: the loop reads it at every character
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (AnchoredDetectors.IsAnchor(c) && AnchoredDetectors.At(text, i, today) is { } anchored)
                {
                    DropFrom(anchored.Start);
                    found.Add(anchored);
                    i = anchored.End;
                    continue;
                }

                if (char.IsLetter(c) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
                {
                    i = Word(i);
                    continue;
                }
                else if ((char.IsAsciiDigit(c) || c == '+' || (c == '(' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                    && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
                {
                    i = Number(i);
                    continue;
                }

                if (c is '|' or '\t')
                {
                    Forget(); // a table's cell ends: the word before does not lead into the next cell ("Namn | Roll")
                }

                i++;
            }

            return found;
        }

        /// <summary>Drops the detections that end after a position: what a longer identifier found later covers. Detections are in order.</summary>
        private void DropFrom(int start)
        {
            while (found.Count > 0 && found[^1].End > start)
            {
                found.RemoveAt(found.Count - 1);
            }
        }

        private int Word(int start)
        {
            ulong hash;
            WordClass cls;
            int end;
            if (start == ahead.Start)
            {
                end = WordEnd(text, start);
                (cls, hash) = (ahead.Class, ahead.Hash);
            }
            else
            {
                end = WordEnd(text, start, out hash);
                cls = lexicon.ClassifyHash(end - start, hash);
                if (end - start > 64)
                {
                    hash = 0;
                }
            }

            var word = text.AsSpan(start, end - start);

            // The large word table only when a rule will read it: a capital, a known name, or a name or cue before.
            if ((char.IsUpper(word[0]) || (cls & WordClass.Name) != 0 || previous.IsAnyCue || s.PreviousIsName(start)) && lexicon.IsWordHash(hash))
            {
                cls = ShortForms.AsWritten(word, cls | WordClass.Word);
            }

            // The word detectors that find a whole span, in their order (SpanAt); what one finds replaces what it covers.
            if (SpanAt(word, start, end, cls) is { } span)
            {
                DropFrom(span.Start);
                found.Add(span);
                Forget();
                if (span.Kind == IdentifierKind.Address)
                {
                    s.CareOfStart = -1;
                }

                return span.End;
            }

            if (word is "c" or "C" && end + 2 < text.Length && text[end] == '/' && text[end + 1] is 'o' or 'O' && !char.IsLetter(text[end + 2]))
            {
                s.CareOfStart = start; // "c/o Berg, Storgatan 3": the address starts here
                return end + 2;
            }

            var name = new NameDetector(s).Score(word, start, end, cls);
            if (name > 0)
            {
                var suffix = s.ColonGenitive(end) ? 2 : 0; // "Ali:s": the genitive's colon and s belong to the name
                AddName(start, end + suffix, name);
                previous = PreviousWord.After(previous, text, start, end, cls) with { End = end + suffix };
                return end + suffix;
            }
            else if (char.IsUpper(word[0]) && (cls & (WordClass.Word | WordClass.Cue | WordClass.Organisation | WordClass.Function)) == 0 && NameRules.HasVowel(word))
            {
                s.CandidateStart = start; // an unknown capitalized word: a name if a name follows it
                s.CandidateEnd = end;
            }

            previous = PreviousWord.After(previous, text, start, end, cls);
            return end;
        }

        /// <summary>
        /// The span detectors a word is offered to, in this order, before the c/o marker and the name rules: an e-mail with
        /// its '@' spelt as a word ("anna at exempel dot se"), an address (a street, Box, lgh …), a named institution. The
        /// first that finds a span at the word at [start, end) wins.
        /// </summary>
        private Detection? SpanAt(ReadOnlySpan<char> word, int start, int end, WordClass cls) =>
            (end + 1 < text.Length && DigitsOrMarkFollow(text, end) ? BeforeDigitsOrMarkAt(start, end, cls) : null)
            ?? ((cls & WordClass.SpeltAt) != 0 ? Detectors.SpeltEmailDetector.At(text, start, end) : null)
            ?? new AddressDetector(s).At(start, end, cls)
            ?? new InstitutionDetector(s).At(start, end, cls);

        // A digit, '_' or an inner full stop right after the word, or a digit after one space or dash: rare after a word.
        private static bool DigitsOrMarkFollow(string text, int end)
        {
            var c = text[end];
            var next = text[end + 1];
            return char.IsAsciiDigit(c) || c == '_' || (c == '.' && char.IsLetter(next)) || (c is ' ' or '-' && char.IsAsciiDigit(next));
        }

        /// <summary>
        /// A word that goes on with digits or a mark: the letters of an IBAN ("SE45 5000 …"), of a vehicle's registration
        /// number ("ABC 123") or of a document's number after its word ("passnummer AB1234567"); or a user name after its
        /// word ("användarnamn: kalle_92"). Not inlined: the pass's hot path only asks whether it may be one.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private Detection? BeforeDigitsOrMarkAt(int start, int end, WordClass cls)
        {
            var text = s.Text;
            if (end - start <= 3 && char.IsAsciiDigit(text[end] is ' ' or '-' ? text[end + 1] : text[end])
                && (Detectors.IbanDetector.At(text, start, end)
                    ?? Detectors.VehicleRegistrationDetector.At(text, start, end, cls)
                    ?? Detectors.NamedNumberDetector.AtPrefix(text, start, end)) is { } lettered)
            {
                return lettered;
            }

            return text[end] == '_' || char.IsAsciiDigit(text[end]) || (text[end] == '.' && char.IsLetter(text[end + 1]))
                ? Detectors.UsernameDetector.AfterItsWord(text, start, end)
                : null;
        }

        private void AddName(int start, int end, double confidence)
        {
            if (s.PreviousIsName(start))
            {
                var last = found[^1];
                found[^1] = last with { Length = end - last.Start, Confidence = Math.Max(last.Confidence, confidence) };
                return;
            }

            // "Dawit Tesfaye": the unknown capitalized word before a name belongs to it.
            if (s.CandidateEnd == previous.End && s.CandidateEnd >= 0 && s.OnlySpaces(s.CandidateEnd, start))
            {
                start = s.CandidateStart;
            }

            // "M. van den Velde": particles between an initial and a name belong to it.
            var particles = ParticlesBefore(start);
            if (particles < start && particles >= 3 && text[particles - 2] == '.' && char.IsUpper(text[particles - 3]))
            {
                start = particles;
            }

            // "A. Girma": an initial before a name belongs to it.
            if (start >= 3 && text[start - 1] == ' ' && text[start - 2] == '.' && char.IsUpper(text[start - 3]) && (start == 3 || !char.IsLetterOrDigit(text[start - 4])))
            {
                start -= 3;
            }

            found.Add(new Detection(IdentifierKind.Name, start, end - start, confidence));
        }

        /// <summary>Where a run of lower-case particles ("van den ") just before <paramref name="start"/> begins (== start when none).</summary>
        private int ParticlesBefore(int start)
        {
            var at = start;
            while (at >= 3 && text[at - 1] == ' ' && char.IsLower(text[at - 2]))
            {
                var wordStart = s.FirstLetterBefore(at - 1);
                if ((lexicon.ClassifyNames(text.AsSpan(wordStart, at - 1 - wordStart), out _) & WordClass.Particle) == 0)
                {
                    break;
                }

                at = wordStart;
            }

            return at;
        }

        private void Forget()
        {
            previous = previous.Forgotten();
            s.CandidateStart = s.CandidateEnd = -1;
        }

        private int Number(int i)
        {
            // The number detectors' candidates, in their order; the context chooses (NumberScoring).
            var hit = NumberScoring.Choose(text, i, today, previous);
            Forget();
            if (hit is { } h)
            {
                found.Add(h);
                return h.End;
            }

            if (text[i] == '(')
            {
                return i + 1; // "(811218-9876)": the number inside is read on its own
            }

            // Skip the rest of this number so its tail is not read as a new one.
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '+'))
            {
                i++;
            }

            return i;
        }

    }
}

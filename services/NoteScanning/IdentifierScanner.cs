namespace Socialtjanst.NoteScanning;

/// <summary>
/// Finds personal identifiers in Swedish text in one pass, without regular expressions: personnummer
/// and samordningsnummer in every written form (10 or 12 digits; "-", "+", space, ".", "/" or none;
/// a real date; a valid check digit), e-mail addresses (Detectors/EmailDetector, offered at its anchor), Swedish phone numbers as people write them
/// (spaces, hyphens, slashes, dots, an area code in brackets, +46 (0)…), postal addresses (streets,
/// village addresses, abbreviations, "Norra …", "lgh 1301", "24 A", "2 tr"; postnummer and ort)
/// and personal names (see <see cref="NameRules"/>). Dates, times, case numbers and amounts are not
/// identifiers.
/// </summary>
public static class IdentifierScanner
{
    public static List<Detection> Scan(string text, DateOnly today) => new Pass(text, today, Lexicon.Instance).Run();

    /// <summary>One scan of one text: the state the context rules need (the word before, the last name found).</summary>
    private ref struct Pass(string text, DateOnly today, Lexicon lexicon)
    {
        private readonly List<Detection> found = [];
        private int prevWordStart = -1;
        private int prevWordEnd = -1;
        private bool prevWasCue;
        private bool afterWeakCue;
        private bool prevWasListed;
        private bool prevWasTill;
        private bool prevWasMessage;
        private bool prevWasAv;
        private bool prevWasStrongCue;
        private bool prevWasPlacePreposition;
        private bool prevWasAddressCue;
        private bool prevWasPhoneCue;
        private bool prevWasIdentityCue;
        private int prefixStart = -1;
        private int candidateStart = -1;
        private int candidateEnd = -1;
        private int peekStart = -1;
        private WordClass peekClass;
        private ulong peekHash;
        private int peekEvidenceAt = -1;
        private NameRules.Evidence peekEvidence;

        public List<Detection> Run()
        {
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

                i++;
            }

            return found;
        }

        /// <summary>Drops the detections that end after a position: what a longer identifier found later covers. Detections are in order.</summary>
        private readonly void DropFrom(int start)
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
            if (start == peekStart)
            {
                end = WordEnd(text, start);
                (cls, hash) = (peekClass, peekHash);
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
            if ((char.IsUpper(word[0]) || (cls & WordClass.Name) != 0 || afterAnyCue || PreviousIsName(start)) && lexicon.IsWordHash(hash))
            {
                cls |= WordClass.Word;
            }

            if (AddressAt(start, end, cls) is { } address)
            {
                DropFrom(address.Start);
                found.Add(address);
                Forget();
                return address.End;
            }

            var name = IsName(word, start, end, cls);
            if (name > 0)
            {
                AddName(start, end, name);
            }
            else if (char.IsUpper(word[0]) && (cls & (WordClass.Word | WordClass.Cue | WordClass.Organisation | WordClass.Function)) == 0 && NameRules.HasVowel(word))
            {
                candidateStart = start; // an unknown capitalized word: a name if a name follows it
                candidateEnd = end;
            }

            var initial = word.Length == 1 && end < text.Length && text[end] == '.';
            var till = (cls & WordClass.Till) != 0;
            var toSomeone = till && prevWasMessage; // "ringde till", "mejl till", "telefon till": a person follows
            prevWasStrongCue = (cls & WordClass.StrongCue) != 0;
            prevWasCue = (cls & WordClass.Cue) != 0 || toSomeone;
            afterWeakCue = (cls & WordClass.WeakCue) != 0;
            prevWasListed = (cls & WordClass.Organisation) != 0;
            prevWasTill = till && !toSomeone;
            prevWasMessage = (cls & WordClass.Message) != 0;
            prevWasAv = (cls & WordClass.Av) != 0;
            prevWasPlacePreposition = (cls & WordClass.PlacePreposition) != 0 && !initial; // "I. Rimpi" is an initial, not "i"
            prevWasAddressCue = (cls & WordClass.AddressCue) != 0;
            prevWasPhoneCue = (cls & WordClass.PhoneCue) != 0;
            prevWasIdentityCue = (cls & WordClass.IdentityCue) != 0;
            prefixStart = (cls & WordClass.StreetPrefix) != 0 && char.IsUpper(word[0]) ? start : -1;
            prevWordStart = start;
            prevWordEnd = end;
            return end;
        }

        /// <summary>0 when not a name, else the confidence.</summary>
        private double IsName(ReadOnlySpan<char> word, int start, int end, WordClass cls)
        {
            var upper = char.IsUpper(word[0]);
            var afterName = PreviousIsName(start);
            if (!upper && (cls & WordClass.Name) == 0 && !afterName && !afterAnyCue)
            {
                return 0; // the common case: a lower-case word that is no known name, with no name or cue before it
            }

            if (word.Length < 2 || (word.Length == 2 && !upper && !NameRules.HasForeignLetter(word) && !afterAnyCue) || !NameRules.HasVowel(word))
            {
                return 0; // "Dnr", "ssk": abbreviations
            }

            var evidence = start == peekEvidenceAt ? peekEvidence : NameRules.Read(lexicon, word, cls);
            if (evidence.Listed)
            {
                return 0;
            }

            var confidence = NameConfidence(word, start, end, cls, evidence, upper, afterName);
            return confidence > 0 && !evidence.KnownName && (HasStreetSuffix(word) || IsStreetWord(word)) ? 0 : confidence; // "Storgatan är avstängd"
        }

        private double NameConfidence(ReadOnlySpan<char> word, int start, int end, WordClass cls, NameRules.Evidence evidence, bool upper, bool afterName)
        {

            if (IsAllCaps(word))
            {
                // "SJÖGREN", "ALI": known names, a name's neighbour, or a long unknown word shaped like a surname or
                // after a person's cue ("antecknat av TEHRANI"); other capitals are acronyms (BUP, LSS, AUDIT).
                var unknownLong = word.Length >= 4 && !evidence.Word && (evidence.Shape || prevWasCue || prevWasAv);
                return evidence.KnownName || unknownLong || ((afterName || Next(end) == Following.Name) && word.Length >= 3 && !evidence.Word) ? 0.85 : 0;
            }

            if (upper)
            {
                var sentenceStart = SentenceStart(text, start);
                Following? ahead = null;
                Following Ahead(ref Pass pass) => ahead ??= pass.Next(end);
                var genitive = word.Length > 3 && word[^1] is 's' or 'x' or 'z';
                if (evidence.Word && !evidence.KnownName && !evidence.Proper && sentenceStart && !genitive)
                {
                    return prevWasStrongCue ? 0.6 : 0; // "Samtal", "Mående": an ordinary word starting a sentence
                }

                if (genitive && Ahead(ref this) == Following.Kin)
                {
                    return 0.85; // "Karls pappa", "Sjögrens mamma"
                }

                if ((!evidence.Word || evidence.KnownName || evidence.Proper) && BracketFollows(end) && Ahead(ref this) == Following.Role)
                {
                    return 0.8; // "Asad (mamma)", "Tarik (styvpappa)"
                }

                if (!sentenceStart)
                {
                    if (prevWasListed && !afterName)
                    {
                        return 0; // "Region Norrbotten", "ICA Maxi": an organisation's name
                    }

                    if (evidence.KnownName)
                    {
                        return 0.9;
                    }

                    var context = afterName || prevWasCue || Ahead(ref this) == Following.Name;
                    if (evidence.Proper)
                    {
                        // A dictionary proper noun is a name or a place: "i Kalix", "till Luleå", "Kalix kommun" are places.
                        return evidence.Shape || context ? 0.75
                            : prevWasPlacePreposition || prevWasTill || Ahead(ref this) == Following.Place || (word.Length >= 8 && NameRules.IsCompound(lexicon, word)) ? 0 : 0.65;
                    }

                    if (evidence.Word)
                    {
                        return context ? 0.7 : 0;
                    }

                    if ((prevWasPlacePreposition || (word.Length >= 8 && NameRules.IsCompound(lexicon, word))) && !evidence.Shape && !context)
                    {
                        return 0; // "i Gällivare", "Familjecentralen"
                    }

                    return afterWeakCue || afterName ? 0.8 : 0.7;
                }

                if (evidence.KnownName && !evidence.Word)
                {
                    return 0.85;
                }

                var subject = prevWasStrongCue || Ahead(ref this) is Following.Name or Following.Verb;
                if (evidence.KnownName || evidence.Proper)
                {
                    return evidence.Shape || subject ? 0.75 : 0;
                }

                if (!evidence.Word)
                {
                    return evidence.Shape || (subject && !(word.Length >= 8 && NameRules.IsCompound(lexicon, word))) ? 0.6 : 0;
                }

                return prevWasStrongCue ? 0.6 : 0;
            }

            // Lower case: "samtal m frida henriksson", "hos yonas berhe".
            if ((cls & WordClass.Particle) != 0)
            {
                return 0;
            }

            if (evidence.KnownName && !evidence.Word && (word.Length >= 3 || afterAnyCue))
            {
                return 0.75;
            }

            if (evidence.KnownName)
            {
                var lowerName = afterName && !char.IsUpper(text[found[^1].Start]);
                return lowerName || prevWasStrongCue || (afterAnyCue && Next(end) == Following.Name) ? 0.6 : 0; // "kerstin berggren"
            }

            if (evidence.Word)
            {
                return 0;
            }

            if (afterName)
            {
                return evidence.Shape || !NameRules.IsCompound(lexicon, word) ? 0.6 : 0; // "kurt hägglund"
            }

            if (word.Length >= 8 && NameRules.IsCompound(lexicon, word))
            {
                return 0;
            }

            // After a cue, two unknown words together, or one shaped like a name: "m yonas berhe".
            return afterAnyCue && (evidence.Shape || Next(end) == Following.Name) ? 0.6 : 0;
        }

        private readonly bool afterAnyCue => prevWasCue || afterWeakCue;

        /// <summary>Does "(" follow after spaces? A cheap test before the look-ahead for "Asad (mamma)".</summary>
        private readonly bool BracketFollows(int end)
        {
            var i = end;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            return i < text.Length && text[i] == '(';
        }

        /// <summary>What the next word on the line is, as the context rules need it.</summary>
        private enum Following
        {
            Other,
            Name,
            Verb,
            Kin,
            Place,
            Role,
        }

        /// <summary>
        /// The next word: a name ("Sten Ek", "Per Hodžić", "Tuva och Almir", "yonas berhe"), a finite verb
        /// ("Linda berättar": a subject), a kinship or role word ("Karls pappa", "Asad (mamma)"), a place word
        /// ("Kalix kommun"), or anything else. The next word's classes are kept for when the scan reaches it.
        /// </summary>
        private Following Next(int end)
        {
            var i = end;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i < text.Length - 1 && i > end && text[i] == '(' && char.IsLetter(text[i + 1]))
            {
                var roleEnd = WordEnd(text, i + 1);
                var role = lexicon.Classify(text.AsSpan(i + 1, roleEnd - i - 1));
                return (role & (WordClass.Kin | WordClass.Cue)) != 0 ? Following.Role : Following.Other;
            }

            if (i == end || i >= text.Length || !char.IsLetter(text[i]))
            {
                return Following.Other;
            }

            var nextEnd = WordEnd(text, i);
            var next = text.AsSpan(i, nextEnd - i);
            var cls = Peek(i, next);
            if (next.Equals("och", StringComparison.Ordinal) && char.IsUpper(text[FirstLetterBefore(end)]))
            {
                return IsNameAt(nextEnd, upperOnly: true) ? Following.Name : Following.Other; // "Tuva och Almir"
            }

            if ((cls & WordClass.Verb) != 0)
            {
                return Following.Verb;
            }

            if ((cls & WordClass.Kin) != 0)
            {
                return Following.Kin;
            }

            if ((cls & WordClass.PlaceWord) != 0)
            {
                return Following.Place;
            }

            return IsNameAt(end, upperOnly: false) ? Following.Name : Following.Other;
        }

        /// <summary>The classes of the word ahead (its names-table classes; <see cref="PeekFull"/> adds the word table), kept for when the scan reaches it.</summary>
        private WordClass Peek(int start, ReadOnlySpan<char> word)
        {
            if (start != peekStart)
            {
                peekStart = start;
                peekClass = lexicon.ClassifyNames(word, out peekHash);
            }

            return peekClass;
        }

        private WordClass PeekFull(int start, ReadOnlySpan<char> word)
        {
            var cls = Peek(start, word);
            return lexicon.IsWordHash(peekHash) ? cls | WordClass.Word : cls;
        }

        private bool IsNameAt(int end, bool upperOnly)
        {
            var i = end;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i == end || i >= text.Length || !char.IsLetter(text[i]))
            {
                return false;
            }

            var next = text.AsSpan(i, WordEnd(text, i) - i);
            if (next.Length < 2 || !NameRules.HasVowel(next))
            {
                return false;
            }

            var cls = PeekFull(i, next);
            if (!char.IsUpper(next[0]) && (upperOnly || (cls & WordClass.Name) == 0 && (cls & WordClass.Word) != 0))
            {
                return false;
            }

            var evidence = NameRules.Read(lexicon, next, cls);
            (peekEvidenceAt, peekEvidence) = (i, evidence);
            if (evidence.Listed)
            {
                return false;
            }

            if (IsAllCaps(next))
            {
                return evidence.KnownName || (next.Length >= 4 && !evidence.Word);
            }

            if (char.IsUpper(next[0]))
            {
                return evidence.KnownName || !evidence.Word;
            }

            return !evidence.Word && (evidence.KnownName || evidence.Shape || next.Length >= 3);
        }

        private readonly int FirstLetterBefore(int end)
        {
            var i = end - 1;
            while (i > 0 && char.IsLetter(text[i - 1]))
            {
                i--;
            }

            return i;
        }

        private readonly bool PreviousIsName(int start) =>
            found.Count > 0 && found[^1].Kind == IdentifierKind.Name && found[^1].End == prevWordEnd && OnlySpaces(prevWordEnd, start);

        private readonly bool OnlySpaces(int from, int to)
        {
            if (to - from is < 1 or > 2)
            {
                return false;
            }

            for (var i = from; i < to; i++)
            {
                if (text[i] != ' ')
                {
                    return false;
                }
            }

            return true;
        }

        private void AddName(int start, int end, double confidence)
        {
            if (PreviousIsName(start))
            {
                var last = found[^1];
                found[^1] = last with { Length = end - last.Start, Confidence = Math.Max(last.Confidence, confidence) };
                return;
            }

            // "Dawit Tesfaye": the unknown capitalized word before a name belongs to it.
            if (candidateEnd == prevWordEnd && candidateEnd >= 0 && OnlySpaces(candidateEnd, start))
            {
                start = candidateStart;
            }

            // "A. Girma": an initial before a name belongs to it.
            if (start >= 3 && text[start - 1] == ' ' && text[start - 2] == '.' && char.IsUpper(text[start - 3]) && (start == 3 || !char.IsLetterOrDigit(text[start - 4])))
            {
                start -= 3;
            }

            found.Add(new Detection(IdentifierKind.Name, start, end - start, confidence));
        }

        private void Forget()
        {
            prevWasCue = prevWasStrongCue = afterWeakCue = prevWasListed = prevWasTill = prevWasMessage = prevWasAv = prevWasPlacePreposition = prevWasAddressCue = prevWasPhoneCue = prevWasIdentityCue = false;
            prefixStart = candidateStart = candidateEnd = -1;
        }

        private int Number(int i)
        {
            var number = IdentityNumberAt(text, i, today);
            var phone = PhoneAt(text, i);
            if (number is { } n && phone is { } p && p.Length >= n.Length && text[i] == '0' && text[i + 1] == '7' && !prevWasIdentityCue
                && (n.Kind == IdentifierKind.Samordningsnummer || prevWasPhoneCue))
            {
                number = null; // "0706621234" after "tel": a mobile number, though its digits also pass as an identity number
            }

            var hit = number ?? phone ?? PostalCodeAt(text, i);
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

        /// <summary>
        /// A street address: "Storgatan 12B", "Strandv. 15", "Norra Järnvägsgatan 3 A, lgh 1301, 2 tr", a village
        /// address ("Rolfs 218") after an address word or with a name-like first part, or "lgh 1301" alone.
        /// </summary>
        private readonly Detection? AddressAt(int start, int end, WordClass cls)
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

            if ((!char.IsUpper(word[0]) && !IsStreetWord(word)) || word.Length < 2)
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
            var prefixed = prefixStart >= 0 && prefixStart == prevWordStart && OnlySpacesOrDot(prevWordEnd, start);
            var twoWords = !prefixed && IsStreetWord(word) && prevWordStart >= 0 && char.IsUpper(text[prevWordStart]) && OnlySpaces(prevWordEnd, start);
            if (twoWords)
            {
                return new Detection(IdentifierKind.Address, prevWordStart, AddressTail(numberEnd) - prevWordStart, 0.9); // "Eklunds Väg 19"
            }
            if (!street && !prefixed)
            {
                var evidence = NameRules.Read(lexicon, word, cls);
                if (evidence.Listed || IsAllCaps(word) || (evidence.Word && !prevWasAddressCue) || (SentenceStart(text, start) && !prevWasAddressCue && evidence.Word))
                {
                    return null;
                }

                if (!prevWasAddressCue && !NameRules.IsCompound(lexicon, word) && !evidence.Proper && !evidence.KnownName && !evidence.Shape)
                {
                    return null;
                }
            }

            var from = prefixed ? prefixStart : start;
            return new Detection(IdentifierKind.Address, from, AddressTail(numberEnd) - from, street ? 0.95 : 0.75);
        }

        private readonly bool OnlySpacesOrDot(int from, int to)
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
        private readonly int HouseNumberEnd(int at, int maxDigits)
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

            return IsUnitAfter(i) ? -1 : i;
        }

        /// <summary>"3 år", "12 kr", "4 av 5": a quantity, not a house number.</summary>
        private readonly bool IsUnitAfter(int i)
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

        /// <summary>What follows a house number and still belongs to the address: " A", ", lgh 1301", " 2 tr".</summary>
        private readonly int AddressTail(int end)
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

                if (i + 3 < text.Length && text.AsSpan(i, 3).Equals("lgh", StringComparison.OrdinalIgnoreCase))
                {
                    var n = HouseNumberEnd(i + 3, 4);
                    if (n < 0 && text[i + 3] == '.')
                    {
                        n = HouseNumberEnd(i + 4, 4);
                    }

                    if (n > 0)
                    {
                        end = n;
                        continue;
                    }
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
    }

    private static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "år", "års", "åring", "åringen", "kr", "kronor", "sek", "st", "stycken", "procent", "timmar", "timme", "tim", "h", "min",
        "minuter", "dagar", "dag", "dygn", "veckor", "vecka", "v", "månader", "månad", "mån", "gånger", "gång", "ggr", "mg", "ml",
        "g", "kg", "km", "m", "cm", "poäng", "p", "av", "till", "personer", "barn", "sidor", "sid", "kap", "§", "euro", "tkr",
        "kvm", "rum", "liter", "l", "cl", "enheter", "tabletter", "burkar", "flaskor", "glas", "pass", "träffar", "samtal",
        "deltagare", "elever", "kl", "klockan", "sekunder", "nätter", "veckan",
    };

    private static readonly string[] StreetSuffixes =
    [
        "gatan", "vägen", "gränd", "gränden", "stigen", "torget", "backen", "allén", "leden", "platsen", "stråket", "gata", "väg",
        "gårdsvägen", "plan", "kajen", "parken", "slingan", "liden", "torg", "gården", "lyckan", "ringen", "udden", "höjden",
    ];

    private static bool HasStreetSuffix(ReadOnlySpan<char> word)
    {
        foreach (var suffix in StreetSuffixes)
        {
            if (word.Length > suffix.Length + 1 && word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Strandv.", "Storg.", "Kungsg", "Skolv": a street name cut after its v or g.</summary>
    private static bool IsStreetAbbreviation(ReadOnlySpan<char> word) =>
        word.Length >= 4 && word[^1] is 'v' or 'g' && char.IsUpper(word[0]);

    /// <summary>The second word of a two-word street name: "Eklunds Väg", "Holmbergs gata", "Karls väg".</summary>
    private static bool IsStreetWord(ReadOnlySpan<char> word) => word switch
    {
        "Väg" or "väg" or "Vägen" or "Gata" or "gata" or "Gatan" or "Gränd" or "gränd" or "Allé" or "allé" or "Torg" or "torg" or "Torget"
            or "Stig" or "stig" or "Backe" or "backe" or "Plan" or "Park" or "Plats" or "Gård" => true,
        _ => false,
    };

    private static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters >= 2;
    }

    /// <summary>A word's end and the lexicon's hash of it, in one pass.</summary>
    private static int WordEnd(string text, int start, out ulong hash)
    {
        hash = Lexicon.Start;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c) || (c > 127 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
                || (c is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start))
            {
                hash = Lexicon.Step(hash, c);
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>A run of letters (and combining marks), with inner hyphens and apostrophes: "Lars-Göran", "O'Brien".</summary>
    private static int WordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c) || (c > 127 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark))
            {
                i++;
            }
            else if (c is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool SentenceStart(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '\t' or '\r')
        {
            i--;
        }

        if (i >= 1 && text[i] == '.' && IsInitialOrTitle(text, i))
        {
            return false; // "A. Girma", "Dr. Abdelaziz", "Ssk. Halilović": a full stop that ends no sentence
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or ':' or ';' or '"' or '(' or '•' or '*' or '–' or '-' or '»' or '”';
    }

    /// <summary>Is the word before this full stop an initial ("A.") or a title ("Dr.", "Ssk.", "Fru.")?</summary>
    private static bool IsInitialOrTitle(string text, int dot)
    {
        var from = dot;
        while (from > 0 && char.IsLetter(text[from - 1]))
        {
            from--;
        }

        var word = text.AsSpan(from, dot - from);
        var standsAlone = from == 0 || !char.IsLetterOrDigit(text[from - 1]);
        return standsAlone && ((word.Length == 1 && char.IsUpper(word[0])) || word is "Dr" or "dr" or "Ssk" or "ssk" or "Fru" or "Hr" or "Herr" or "Usk" or "Leg" or "Prof");
    }

    private static Detection? IdentityNumberAt(string text, int start, DateOnly today)
    {
        var i = start;
        var digits = 0;
        var separatorAt = -1;
        var separator = '\0';
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                i++;
            }
            else if (c is '-' or '+' or ' ' or '.' or '/' or '_' or 'T' && separatorAt < 0 && digits is 6 or 8
                && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                separatorAt = i;
                separator = c;
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

        if (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '-' or '/' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
        {
            return null;
        }

        var length = i - start;
        if (digits is not (10 or 12) || (separatorAt >= 0 && i - separatorAt - 1 != 4))
        {
            return null;
        }

        Span<char> canonical = stackalloc char[13];
        var n = 0;
        for (var k = start; k < i; k++)
        {
            if (char.IsAsciiDigit(text[k]))
            {
                canonical[n++] = text[k];
            }
            else if (n is 6 or 8)
            {
                canonical[n++] = separator == '+' ? '+' : '-';
            }
        }

        if (!IdentityNumbers.PersonalIdentityNumber.TryGetBirthDate(canonical[..n].ToString(), today, out _))
        {
            return null;
        }

        var dayTens = canonical[digits == 12 ? 6 : 4] - '0';
        return new Detection(dayTens >= 6 ? IdentifierKind.Samordningsnummer : IdentifierKind.Personnummer, start, length, separator is ' ' or '.' or '/' ? 0.9 : 1.0);
    }

    /// <summary>
    /// A Swedish phone number as written: groups of digits joined by a space, "-", " - ", "/", "." or a
    /// bracketed area code ("(0920) 377 331"), optionally +46 or 0046 and a bracketed trunk zero
    /// ("+46 (0)70-…"). The longest prefix that makes a valid mobile or landline number is taken, so a
    /// time range written straight after it ("0707-19 88 81 14.30–15.30") is left out.
    /// </summary>
    private static Detection? PhoneAt(string text, int start)
    {
        if (text[start] is not ('0' or '+' or '('))
        {
            return null; // every Swedish number begins with 0, +46 or a bracketed area code
        }

        Span<char> digits = stackalloc char[16];
        Span<int> groupEnds = stackalloc int[10];
        Span<int> groupDigits = stackalloc int[10];
        Span<char> separators = stackalloc char[10];
        var groups = 0;
        var count = 0;
        var i = start;
        var international = false;
        if (text[i] == '+')
        {
            international = true;
            i++;
        }
        else if (text[i] == '(')
        {
            i++;
        }

        var current = 0;
        while (i < text.Length && groups < 9)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == 15)
                {
                    return null;
                }

                digits[count++] = c;
                current++;
                i++;
                continue;
            }

            if (current == 0)
            {
                break;
            }

            // The separator after a group: " ", "-", "/", ".", " - ", " – ", ") ", " (0)".
            var next = i;
            var sep = c;
            if (c == ')' && next + 1 < text.Length && text[next + 1] is ' ' or '-')
            {
                next += 2;
            }
            else if (c == ' ' && next + 2 < text.Length && text[next + 1] is '-' or '–' && text[next + 2] == ' ')
            {
                next += 3;
                sep = '-';
            }
            else if (c == ' ' && international && next + 4 < text.Length && text.AsSpan(next + 1, 3).SequenceEqual("(0)"))
            {
                next += 4;
                if (next < text.Length && text[next] is ' ' or '-')
                {
                    next++;
                }
            }
            else if (c is ' ' or '-' or '/' or '.')
            {
                next++;
            }
            else
            {
                break;
            }

            groupEnds[groups] = i;
            groupDigits[groups] = count;
            separators[groups] = sep;
            groups++;
            current = 0;
            if (next >= text.Length || !char.IsAsciiDigit(text[next]))
            {
                i = -1;
                break;
            }

            i = next;
        }

        if (i >= 0 && current > 0)
        {
            groupEnds[groups] = i;
            groupDigits[groups] = count;
            separators[groups] = '\0';
            groups++;
        }

        // The longest candidate that ends at a group's end, is a valid number, and is not followed by a letter.
        for (var g = groups - 1; g >= 0; g--)
        {
            var end = groupEnds[g];
            if (end < text.Length && char.IsLetter(text[end]))
            {
                continue;
            }

            if (IsDate(digits[..groupDigits[g]], groupDigits[..(g + 1)], separators[..(g + 1)]))
            {
                return null;
            }

            if (IsPhoneNumber(digits[..groupDigits[g]], international))
            {
                return new Detection(IdentifierKind.Phone, start, end - start, 0.95);
            }
        }

        return null;
    }

    private static bool IsPhoneNumber(ReadOnlySpan<char> number, bool international)
    {
        Span<char> national = stackalloc char[16];
        int length;
        if (international || number.StartsWith("0046"))
        {
            var rest = international ? number : number[2..];
            if (!rest.StartsWith("46"))
            {
                return false;
            }

            national[0] = '0';
            rest[2..].CopyTo(national[1..]);
            length = rest.Length - 1;
        }
        else
        {
            number.CopyTo(national);
            length = number.Length;
        }

        var n = national[..length];
        if (n.Length < 2 || n[0] != '0')
        {
            return false;
        }

        var isMobile = n.Length == 10 && n[1] == '7';
        var isLandline = n.Length is >= 8 and <= 10 && n[1] != '0' && n[1] != '7';
        return isMobile || isLandline;
    }

    /// <summary>01-10-2025, 2025-10-01, 14.12.2025, 14/12/25: a date, not a phone number.</summary>
    private static bool IsDate(ReadOnlySpan<char> digits, ReadOnlySpan<int> groupDigits, ReadOnlySpan<char> separators)
    {
        if (groupDigits.Length != 3 || separators[0] is ' ' || separators[0] != separators[1])
        {
            return false;
        }

        var a = groupDigits[0];
        var b = groupDigits[1] - a;
        var c = groupDigits[2] - groupDigits[1];
        return (a, b, c) is (2, 2, 4) or (4, 2, 2) or (2, 2, 2);
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

        if (digits != 5 || i >= text.Length || text[i] != ' ' || i + 1 >= text.Length || !char.IsUpper(text[i + 1]) || text[start] == '0')
        {
            return null;
        }

        var end = WordEnd(text, i + 1);
        var ort = text.AsSpan(i + 1, end - i - 1);
        if (ort.Length < 2 || IsAllCaps(ort) || Units.GetAlternateLookup<ReadOnlySpan<char>>().Contains(ort))
        {
            return null; // "12350 SEK", "10000 Kronor"
        }

        return new Detection(IdentifierKind.Address, start, end - start, 0.9);
    }
}

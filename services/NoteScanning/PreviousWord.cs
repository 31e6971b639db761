namespace Socialtjanst.NoteScanning;

/// <summary>
/// The context every word rule reads: the word before, where it stood and what it is. The pass makes a new value after
/// each word (<see cref="After"/>) and forgets what the word was after a number or an address (<see cref="Forgotten"/>);
/// the rules ask it questions ("is it a cue?") instead of keeping flags of their own.
/// </summary>
internal readonly record struct PreviousWord(int Start, int End, WordClass Class, bool Initial, bool ToSomeone, bool IdentityNumberWord, bool Capitalized)
{
    public static readonly PreviousWord None = new(-1, -1, WordClass.None, false, false, false, false);

    /// <summary>
    /// "Samordningsansvarig: Gasull", "Från: Hans Jensen": a role or a form field and its colon; "Hej Kristina!", "Vänliga
    /// hälsningar Hans Larsson": a greeting or a closing. A person follows.
    /// </summary>
    public bool IsField(string text) =>
        Has(WordClass.Greeting) || ((Class & (WordClass.Cue | WordClass.Field)) != 0 && End + 1 < text.Length && text[End] == ':' && text[End + 1] == ' ');

    /// <summary>"ring", "kontakta": the word after it is the person contacted ("ring mats").</summary>
    public bool IsContactVerb => Has(WordClass.Contact);

    /// <summary>A kinship or role word, or "till"/"från" after a message word ("ringde till", "SMS från"): a person follows.</summary>
    public bool IsCue => Has(WordClass.Cue) || ToSomeone;

    /// <summary>"heter", "kallas", "dr": strong enough to make an ordinary word a name.</summary>
    public bool IsStrongCue => Has(WordClass.StrongCue);

    /// <summary>"m", "med", "hos", "ringt": a lower-case run after it may be a name.</summary>
    public bool IsWeakCue => Has(WordClass.WeakCue);

    public bool IsAnyCue => IsCue || IsWeakCue;

    /// <summary>An organisation's word ("Region", "ICA"): a capitalized word after it is its name, not a person's (not after shorthand: "Enl Kerstin").</summary>
    public bool IsListed => Has(WordClass.Organisation) && !Has(WordClass.Shorthand);

    /// <summary>"till" that does not follow a message word: a place may follow.</summary>
    public bool IsTill => Has(WordClass.Till) && !ToSomeone;

    public bool IsMessage => Has(WordClass.Message);

    public bool IsAv => Has(WordClass.Av);

    /// <summary>"i", "från", "vid": a place follows ("I. Rimpi" is an initial, not "i").</summary>
    public bool IsPlacePreposition => Has(WordClass.PlacePreposition) && !Initial;

    public bool IsAddressCue => Has(WordClass.AddressCue);

    /// <summary>"tel", "mobil", "nr" — but not the "nr" of "Samordn.nr".</summary>
    public bool IsPhoneCue => Has(WordClass.PhoneCue) && !IdentityNumberWord;

    /// <summary>"pnr", "personnummer", and the "nr" of "Samordn.nr".</summary>
    public bool IsIdentityCue => Has(WordClass.IdentityCue) || IdentityNumberWord;

    /// <summary>Where a capitalized street prefix ("Norra", "Ö.") began, or -1.</summary>
    public int PrefixStart => Has(WordClass.StreetPrefix) && Capitalized ? Start : -1;

    /// <summary>The word at [start, end) with its classes, read after <paramref name="before"/>.</summary>
    public static PreviousWord After(PreviousWord before, string text, int start, int end, WordClass cls) => new(
        start,
        end,
        cls,
        Initial: end - start == 1 && end < text.Length && text[end] == '.',
        // "ringde till", "mejl till", "mamma till": a person follows
        ToSomeone: ((cls & WordClass.Till) != 0 && (before.IsMessage || (before.Class & (WordClass.Kin | WordClass.Cue)) != 0))
            || ((cls & WordClass.From) != 0 && before.IsMessage), // "SMS från", "mejl från": a person follows, not a place
        IdentityNumberWord: before.IsIdentityCue && start > 0 && text[start - 1] == '.' && (cls & WordClass.PhoneCue) != 0,
        Capitalized: char.IsUpper(text[start]));

    /// <summary>After a number or an address: where the word stood is kept, what it was is not.</summary>
    public PreviousWord Forgotten() => this with { Class = WordClass.None, Initial = false, ToSomeone = false, IdentityNumberWord = false };

    private bool Has(WordClass cls) => (Class & cls) != 0;
}

namespace Socialtjanst.NoteScanning;

/// <summary>What the scanner knows of a word, from the data and the closed lists of <see cref="NameRules"/>.</summary>
[Flags]
public enum WordClass : uint
{
    None = 0,
    Word = 1 << 0,
    Given = 1 << 1,
    Surname = 1 << 2,
    Name = Given | Surname,
    Proper = 1 << 3,
    Function = 1 << 4,
    Organisation = 1 << 5,
    Cue = 1 << 6,
    StrongCue = 1 << 7,
    WeakCue = 1 << 8,
    PlacePreposition = 1 << 9,
    Kin = 1 << 10,
    Verb = 1 << 11,
    Message = 1 << 12,
    PlaceWord = 1 << 13,
    AddressCue = 1 << 14,
    PhoneCue = 1 << 15,
    IdentityCue = 1 << 16,
    StreetPrefix = 1 << 17,
    Particle = 1 << 18,
    Till = 1 << 19,
    Av = 1 << 20,
    Contact = 1 << 21,
    Field = 1 << 22,
    Greeting = 1 << 23,
    SpeltAt = 1 << 24,
    Acronym = 1 << 25,
    /// <summary>"skola", "vårdcentral": a named institution's name stands before it ("Kalix vårdcentral").</summary>
    InstitutionHead = 1 << 26,
    /// <summary>"daglig", "särskilt": the first of a head of two words ("daglig verksamhet").</summary>
    InstitutionFirst = 1 << 27,
    /// <summary>"HVB-hem", "Stiftelsen": an institution's name stands after it.</summary>
    InstitutionKind = 1 << 28,
    /// <summary>"från": after a message word ("SMS från", "Mejl från") a person follows.</summary>
    From = 1 << 29,
    /// <summary>"enl", "sms", "fredag": never a name, and says nothing of the word after it (unlike an organisation's word).</summary>
    Shorthand = 1 << 30,
    /// <summary>"Luleå", "Stockholm": a municipality's name (Data/municipalities.txt); a place unless a name list holds it too.</summary>
    Town = 1u << 31,
}

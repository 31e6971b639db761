namespace Socialtjanst.NoteScanning;

/// <summary>
/// What a record's structured field is called, read as the word a note would write before its value: a field named
/// "kontonummer", "fodelsedatum" or "regnr" says what its value is, as "kontonummer:" does in a note. Records systems
/// name their fields in many ways (with or without å, ä and ö, in camelCase or snake_case, in English), so a name is
/// compared folded: lower case, without separators, å and ä as a, ö as o. A name this list does not hold gives no
/// word, and the value is read alone.
/// </summary>
public static class FieldNames
{
    private static readonly (string Cue, string[] Names)[] Cues =
    [
        ("personnummer", ["personnummer", "personnr", "pnr", "persnr", "personid", "personidentitet", "personalidentitynumber", "ssn"]),
        ("samordningsnummer", ["samordningsnummer", "samordningsnr", "samordnr"]),
        ("född", ["fodelsedatum", "foddatum", "fodd", "fodelsedag", "birthdate", "dateofbirth", "dob"]),
        ("kontonummer", ["kontonummer", "kontonr", "konto", "bankkonto", "bankkontonummer", "clearingnummer", "clearingnr", "iban", "kontouppgift", "kontouppgifter", "accountnumber", "bankaccount"]),
        ("regnr", ["regnr", "registreringsnummer", "registreringsnr", "fordon", "bil", "bilregnr", "fordonregnr", "vehicle", "registrationnumber", "licenseplate"]),
        ("passnummer", ["passnummer", "passnr", "pass", "idkort", "idkortsnummer", "idkortnr", "lmanummer", "lmanr", "lmakort", "dossiernummer", "dossiernr", "utkort", "passportnumber", "passport", "idnumber"]),
        ("användarnamn", ["anvandarnamn", "alias", "username", "gamertag", "profilnamn", "anvandare"]),
        ("tel", ["telefon", "telefonnummer", "telefonnr", "tel", "telnr", "tfn", "mobil", "mobilnummer", "mobilnr", "phone", "phonenumber", "mobile"]),
    ];

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Cues.SelectMany(c => c.Names.Select(n => (n, c.Cue))).ToDictionary(p => p.n, p => p.Cue, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The word a note would write before the value of a field named <paramref name="name"/>, or null.</summary>
    public static string? CueFor(string name)
    {
        if (name.Length > 64)
        {
            return null;
        }

        Span<char> folded = stackalloc char[name.Length];
        var n = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                folded[n++] = Lexicon.ToLower(c) switch
                {
                    'å' or 'ä' or 'à' or 'á' => 'a',
                    'ö' or 'ø' => 'o',
                    'é' or 'è' => 'e',
                    var lower => lower,
                };
            }
        }

        return ByName.TryGetValue(folded[..n], out var cue) ? cue : null;
    }
}

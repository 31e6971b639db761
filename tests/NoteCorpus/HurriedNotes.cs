using System.Globalization;
using System.Text;

namespace Socialtjanst.Corpus;

/// <summary>
/// The fifth set, blind when written (issue 27): notes as caseworkers write them under time pressure — headings
/// with abbreviations, lower case and ALL CAPS, possessives, nicknames, first names alone, names that are also
/// words, medication lists with doses, case numbers, weekday and month abbreviations, housing sizes, date-times,
/// school and care-unit names, addresses with apartment, port, floor, c/o and Box, numbers in brackets and
/// with a spaced dash, obfuscated e-mail. Every label carries its form, so recall is read per form.
/// Names: Python Faker 0.9.3's person lists (Debian python3-fake-factory, MIT; a data set the scanner's
/// name data was not built from) in Data/hurried-names.tsv, plus short lists written here.
/// </summary>
public sealed class HurriedNotes(int seed)
{
    private readonly Random random = new(seed);

    private static readonly Dictionary<string, (string[] First, string[] Last)> Faker = LoadFaker();

    private static readonly Dictionary<string, (string[] First, string[] Last)> Written = new()
    {
        ["somali"] = (["Nasteho", "Khadar", "Sahra", "Abdiwali", "Hodan", "Mahad", "Ayaan"], ["Warsame", "Samatar", "Jama", "Hirsi", "Egal", "Dualeh", "Farah"]),
        ["arabic"] = (["Rami", "Hiba", "Tarek", "Lujain", "Bassel", "Rawan", "Yazan"], ["Haddadin", "Qasem", "Mansour", "Shalabi", "Nassar", "Darwish"]),
        ["kurdish"] = (["Hevi", "Azad", "Berfin", "Zana", "Rezan", "Helin"], ["Barzani", "Kaya", "Shexo", "Mahmoud", "Dosky"]),
        ["tigrinya"] = (["Senait", "Yonas", "Selam", "Mebrahtu", "Ruta", "Filmon"], ["Kidane", "Berhane", "Tesfamariam", "Asmerom", "Weldu"]),
        ["afghan"] = (["Zarghona", "Habibullah", "Mariam", "Sohail", "Parwana", "Ahmadzia"], ["Popal", "Rahimi", "Sultani", "Wardak", "Noorzai"]),
    };

    private static readonly string[] Nicknames = ["Kalle", "Nisse", "Lasse", "Pelle", "Olle", "Janne", "Micke", "Jocke", "Lollo", "Kicki", "Bettan", "Lotta", "Sussi", "Ante", "Putte", "Gurra", "Totte", "Affe", "Mojje", "Tessan"];

    // Given names and surnames that are also Swedish words: found only by where they stand.
    private static readonly string[] WordGiven = ["Björn", "Sten", "Stig", "Rosa", "Viking", "Iris", "Viola", "Lilja", "Ros", "Bo", "Liv", "Saga", "Axel", "Malva", "Ylva", "Tyra"];
    private static readonly string[] WordFamily = ["Ljung", "Berg", "Lund", "Björk", "Gran", "Falk", "Holm", "Strand", "Lind", "Örn", "Vik", "Hed", "Sand", "Eke"];

    private static readonly string[] Streets = ["Storgatan", "Skolgatan", "Tallvägen", "Björkvägen", "Fiskartorget", "Repslagargatan", "Nygatan", "Industrivägen", "Lingonstigen", "Stationsgatan", "Kyrkogatan", "Furuvägen", "Hamngatan", "Solvändan", "Malmvägen"];
    private static readonly string[] Regnal = ["Karl XII:s gata", "Gustav III:s väg", "Karl XI:s gata", "Erik XIV:s väg", "Oscar II:s gata"];
    private static readonly string[] Orter = ["Kalix", "Luleå", "Alingsås", "Piteå", "Boden", "Haparanda", "Töre", "Överkalix", "Umeå", "Gällivare"];

    private static readonly string[] Medicines = ["Sertralin", "Concerta", "Elvanse", "Melatonin", "Atarax", "Alvedon", "Propavan", "Lergigan", "Imovane", "Strattera", "Ritalin", "Oxascand", "Theralen", "Quetiapin", "Mirtazapin", "Lamotrigin", "Voxra", "Zopiklon", "Fluoxetin", "Escitalopram", "Venlafaxin", "Aripiprazol", "Intuniv", "Circadin"];
    private static readonly string[] Units = ["mg", "mg", "mg", "ml", "mikrog", "st"];
    private static readonly string[] Headings = ["Uppf.", "Utr.", "Orosanm.", "LSS-handl.", "Bed.", "Besl.", "Ans.", "Övr.", "Akt.", "Tel.", "Hembes.", "Nätv.möte", "Samv.", "Ek.bist."];
    private static readonly string[] Institutions = ["Kalix vårdcentral", "Hertsöskolan", "Furuhedsskolan", "Sunderby sjukhus", "Solbackens förskola", "Råneå skola", "Tallbackens äldreboende", "Mariaskolan", "Björkbackens LSS-boende", "Gammelstads vårdcentral", "Stenungsskolan", "Nolhaga förskola"];
    private static readonly string[] Diagnoses = ["Downs syndrom", "Aspergers syndrom", "Tourettes syndrom", "Crohns sjukdom", "Parkinsons sjukdom", "Alzheimers sjukdom", "Hodgkins lymfom"];
    private static readonly string[] Kin = ["mamma", "pappa", "mormor", "farfar", "styvpappa", "syster", "bror", "faster", "morbror"];
    private static readonly string[] Months = ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sept", "okt", "nov", "dec"];
    private static readonly string[] Days = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"];

    public IEnumerable<LabelledNote> Notes(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var note = new Writer();
            note.Text($"{Pick(Headings)} ");
            note.Text(Date());
            note.Text("\n");
            var lines = random.Next(3, 7);
            for (var l = 0; l < lines; l++)
            {
                Line(note);
                note.Text(random.Next(3) == 0 ? "\n" : " ");
            }

            yield return note.Note();
        }
    }

    private void Line(Writer w)
    {
        var a = Person();
        var b = Person();
        switch (random.Next(30))
        {
            case 0: w.Text("Tfn-samtal m. "); w.Name(a.Full, a.Origin, "full"); w.Text(", uppger att det går bättre."); break;
            case 1: w.Text("ringt "); w.Name(a.Given.ToLowerInvariant(), a.Origin, "lower"); w.Text(" ang. skolan, ej svar"); break;
            case 2: w.Text("samtal m "); w.Name($"{a.Given} {a.Family}".ToLowerInvariant(), a.Origin, "lower"); w.Text(" på fm."); break;
            case 3: w.Text("KLIENT: "); w.Name(a.Full.ToUpperInvariant(), a.Origin, "caps"); w.Text("\n"); break;
            case 4: w.Text("MÖTE MED "); w.Name(a.Family.ToUpperInvariant(), a.Origin, "caps"); w.Text(" OCH SOC.SEKR."); break;
            case 5: w.Name(Possessive(a.Given), a.Origin, "possessive"); w.Text($" {Pick(Kin)} hörde av sig."); break;
            case 6: w.Text("Enl. "); w.Name(Possessive(a.Family), a.Origin, "possessive"); w.Text(" lärare är frånvaron hög."); break;
            case 7: w.Name(Pick(Nicknames), "nickname", "nickname"); w.Text(" kom inte till tiden, ny tid bokad."); break;
            case 8: w.Text("Pojken kallas "); w.Name(Pick(Nicknames), "nickname", "nickname"); w.Text(" hemma."); break;
            case 9: w.Name(a.Given, a.Origin, "first-alone"); w.Text(" uteblev igen."); break;
            case 10: w.Text("Återkoppling till "); w.Name(a.Given, a.Origin, "first-alone"); w.Text(" v. 12."); break;
            case 11: w.Text($"{Pick(Kin)} "); w.Name(Pick(WordGiven), "word-name", "word-name"); w.Text(" var med på mötet."); break;
            case 12: w.Text("Kontakt med "); w.Name($"{Pick(WordGiven)} {Pick(WordFamily)}", "word-name", "word-name"); w.Text(", ssk."); break;
            case 13: w.Text("Hembes. hos "); w.Name(a.Full, a.Origin, "full"); w.Text(" och "); w.Name(b.Given, b.Origin, "first-alone"); w.Text("."); break;
            case 14: w.Text("Pnr "); w.Number("personnummer", Pnr(false, 1950, 1999, out _), "plain"); w.Text(", ny ansökan."); break;
            case 15: w.Name(a.Full, a.Origin, "full"); w.Text(" "); w.Number("personnummer", SpacedDash(Pnr(false, 1950, 2009, out _)), "spaced-dash"); w.Text(" aktualiseras."); break;
            case 16: w.Text("Barnet "); w.Name(a.Given, a.Origin, "first-alone"); w.Text(" ("); w.Number("personnummer", Pnr(false, 2000, 2009, out _), "bracketed"); w.Text(") går i åk 8."); break;
            case 17: w.Text("Samordn.nr "); w.Number("samordningsnummer", Pnr(true, 1970, 2008, out _), "plain"); w.Text(" ("); w.Text(random.Next(2) == 0 ? "utan folkbokf." : "asylsökande"); w.Text(")"); break;
            case 18: w.Text("(" ); w.Number("samordningsnummer", random.Next(2) == 0 ? Pnr(true, 2000, 2009, out _) : SpacedDash(Pnr(true, 1980, 2005, out _)), "bracketed-or-spaced"); w.Text(") enl. Migrationsverket."); break;
            case 19: w.Text("Mejl: "); w.Email(a, "plain"); w.Text(" eller tfn "); w.Number("phone", Phone(), "phone"); break;
            case 20: w.Text("Nås på "); w.Email(a, "obfuscated"); w.Text("."); break;
            case 21: w.Text("Bor "); w.Address(Street(out var form), form); w.Text(" sedan okt."); break;
            case 22: w.Text("Ny adress: "); w.Address($"{Pick(Streets)} {random.Next(1, 80)}, {Postnummer()} {Ort(out var of)}", $"street+post-{of}"); break;
            case 23: w.Text("Post till "); w.Address(PostalOnly(out var pf), pf); w.Text("."); break;
            case 24: w.Text("Medicinering: "); w.Text(string.Join(", ", Enumerable.Range(0, random.Next(2, 5)).Select(_ => Dose()))); w.Text("."); break;
            case 25: w.Text(Pick(["Dnr BoU ", "Ärendenr. IFO-", "Dnr SN ", "BoU-ärende ", "Ärende nr "])); w.Text($"{random.Next(2023, 2027)}-{random.Next(1, 9999):0000}"); w.Text(Pick([" aktualiserat.", " avslutat.", ", se tidigare ant."])); break;
            case 26: w.Text($"Nästa tid {Pick(Days)} {random.Next(1, 29)} {Pick(Months)} kl {random.Next(8, 17)}.{Pick(["00", "15", "30"])}, {Pick(Days)} fm alt."); break;
            case 27: w.Text($"Söker {Pick(["lgh", "Lgh", "bostad"])} {random.Next(1, 5)} rok, {Pick(["nu i", "har idag"])} {random.Next(1, 3)} rok + kv."); break;
            case 28: w.Text($"Inkom {random.Next(2024, 2027)}-{random.Next(1, 13):00}-{random.Next(1, 29):00} {random.Next(7, 18):00}:{random.Next(0, 60):00} via "); w.Institution(Pick(Institutions)); w.Text($", gäller barn med {Pick(Diagnoses)}."); break;
            default: w.Text(Pick(["Ingen oro från skolan.", "Ek. bist. beviljat för dec.", "Plan: uppf. om 3 mån.", "Ej aktuellt m BUP.", "Samverkan med Försäkringskassan.", "Övr.: inget att tillägga.", "Mår bättre sedan jan.", "Står i kö hos Bostadsbolaget."])); break;
        }
    }

    private (string Full, string Given, string Family, string Origin) Person()
    {
        if (random.Next(4) == 0)
        {
            var origin = Written.Keys.ElementAt(random.Next(Written.Count));
            var g = Pick(Written[origin].First);
            var f = Pick(Written[origin].Last);
            return ($"{g} {f}", g, f, origin);
        }

        var locale = Faker.Keys.ElementAt(random.Next(Faker.Count));
        var given = Pick(Faker[locale].First);
        var family = Pick(Faker[locale].Last);
        return ($"{given} {family}", given, family, "faker-" + locale);
    }

    private static string Possessive(string name) => name[^1] is 's' or 'x' or 'z' ? name : name + "s";

    private string Date() => $"{random.Next(2025, 2027)}-{random.Next(1, 13):00}-{random.Next(1, 29):00}";

    private string Pnr(bool coordination, int fromYear, int toYear, out string digits)
    {
        var year = random.Next(fromYear, toYear + 1);
        var month = random.Next(1, 13);
        var day = random.Next(1, 29) + (coordination ? 60 : 0);
        var serial = random.Next(0, 1000);
        var nine = $"{year % 100:00}{month:00}{day:00}{serial:000}";
        digits = nine + CheckDigit.Luhn(nine);
        var century = random.Next(3) == 0 ? (year / 100).ToString(CultureInfo.InvariantCulture) : "";
        return $"{century}{digits[..6]}-{digits[6..]}";
    }

    private static string SpacedDash(string number) => number.Replace("-", " - ", StringComparison.Ordinal);

    private string Phone() => random.Next(4) switch
    {
        0 => $"07{random.Next(0, 4)}-{random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}",
        1 => $"0923-{random.Next(10, 99)} {random.Next(100, 999)}",
        2 => $"+46 7{random.Next(0, 4)} {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}",
        _ => $"07{random.Next(0, 4)}{random.Next(1000000, 9999999)}",
    };

    private string Postnummer() => $"{random.Next(100, 990)} {random.Next(10, 99)}";

    private string Ort(out string form)
    {
        var ort = Pick(Orter);
        form = random.Next(2) == 0 ? "caps" : "capitalized";
        return form == "caps" ? ort.ToUpperInvariant() : ort;
    }

    private string Street(out string form)
    {
        var number = random.Next(1, 90);
        switch (random.Next(7))
        {
            case 0: form = "apartment"; return $"{Pick(Streets)} {number}, {Pick(["lgh nr", "lgh", "lägenhet", "Lgh nr"])} {random.Next(1001, 1505)}";
            case 1: form = "port"; return $"{Pick(Streets)} {number}, port {random.Next(1, 5)}";
            case 2: form = "entrance"; return $"{Pick(Streets)} {number}, uppg. {(char)('A' + random.Next(4))}";
            case 3: form = "floor"; return $"{Pick(Streets)} {number}, vån {random.Next(1, 9)}";
            case 4: form = "lower-street"; return $"{Pick(Streets).ToLowerInvariant()} {number}";
            case 5: form = "regnal"; return $"{Pick(Regnal)} {number}";
            default: form = "c/o"; var p = Person(); return $"c/o {p.Family}, {Pick(Streets)} {number}";
        }
    }

    private string PostalOnly(out string form)
    {
        if (random.Next(2) == 0)
        {
            form = "box";
            return $"Box {random.Next(1, 999)}, {Postnummer()} {Ort(out _)}";
        }

        form = "street+post-lower";
        return $"{Pick(Streets).ToLowerInvariant()} {random.Next(1, 60)}, {Postnummer()} {Pick(Orter).ToLowerInvariant()}";
    }

    private string Dose()
    {
        var amount = Pick(["5", "10", "18", "25", "36", "50", "100", "7,5", "0,5", "3"]);
        return $"{Pick(Medicines)} {amount} {Pick(Units)} {Pick(["1x1", "1x2", "till natten", "vb", "x 1", "på morgonen"])}";
    }

    private string Pick(string[] options) => options[random.Next(options.Length)];

    private static Dictionary<string, (string[] First, string[] Last)> LoadFaker()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "corpus-data", "hurried-names.tsv");
        return File.ReadLines(path)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length == 3)
            .GroupBy(f => f[0])
            .Where(g => g.Any(f => f[1] == "first") && g.Any(f => f[1] == "last"))
            .ToDictionary(g => g.Key, g => (g.Where(f => f[1] == "first").Select(f => f[2]).ToArray(), g.Where(f => f[1] == "last").Select(f => f[2]).ToArray()));
    }

    /// <summary>A note being written: text and the labels of what it holds.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder text = new();
        private readonly List<Label> labels = [];

        public void Text(string value) => text.Append(value);

        public void Name(string value, string origin, string form) => Put("name", value, origin, form);

        public void Number(string kind, string value, string form) => Put(kind, value, null, form);

        public void Address(string value, string form) => Put("address", value, null, form);

        public void Institution(string value) => Put("institution", value, null, "named");

        public void Email((string Full, string Given, string Family, string Origin) person, string form)
        {
            var local = Ascii($"{person.Given}.{person.Family}").ToLowerInvariant();
            var domain = local.Length % 3 == 0 ? "kalix.se" : local.Length % 3 == 1 ? "gmail.com" : "hotmail.com";
            var at = form == "plain" ? "@" : new[] { "(at)", "[at]", " (at) ", "(a)", "[snabel-a]" }[local.Length % 5];
            Put("email", $"{local}{at}{domain}", null, form);
        }

        public LabelledNote Note() => new(text.ToString().TrimEnd(), labels);

        private void Put(string detector, string value, string? origin, string form)
        {
            labels.Add(new Label(detector, text.Length, value.Length, origin, form));
            text.Append(value);
        }

        private static string Ascii(string value)
        {
            var normalized = value.Normalize(NormalizationForm.FormD);
            var kept = new StringBuilder();
            foreach (var c in normalized)
            {
                if (c < 128 && (char.IsLetterOrDigit(c) || c == '.'))
                {
                    kept.Append(c);
                }
            }

            return kept.ToString();
        }
    }
}

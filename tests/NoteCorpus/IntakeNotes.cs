using System.Globalization;
using System.Text;

namespace Socialtjanst.Corpus;

/// <summary>
/// The sixth set, blind when written (after the rules of issue 27 were tuned on the hurried set): intake forms with
/// fields, dictated summaries, text-message shorthand and signatures — frames used in no other set — with names from
/// PHP Faker 1.20's person lists (Debian php-faker, MIT; Data/intake-names.tsv, 29 locales), a source neither the
/// scanner's data nor the other sets were built from. Decoys: statute references, organisation numbers, placeholders,
/// week numbers, organisations and homes, doses written with "ggr/v".
/// </summary>
public sealed class IntakeNotes(int seed)
{
    private readonly Random random = new(seed);

    private static readonly Dictionary<string, (string[] First, string[] Last)> Names = Load();

    private static readonly string[] Streets = ["Ringvägen", "Strandgatan", "Kvarnbacken", "Sandviksvägen", "Lärkgatan", "Prästgårdsvägen", "Norra Strandgatan", "Östra Långgatan", "Västanvägen", "Mejerigatan"];
    private static readonly string[] Orter = ["Luleå", "Kalix", "Alingsås", "Älvsbyn", "Arvidsjaur", "Jokkmokk", "Lerum", "Vårgårda"];
    private static readonly string[] Kin = ["mor", "far", "dotter", "son", "moster", "farmor", "styvmor", "halvbror"];

    public IEnumerable<LabelledNote> Notes(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var w = new NoteWriter();
            var a = Person();
            if (random.Next(3) == 0)
            {
                w.Text("AKTUALISERING\nNamn: "); w.Name(a.Full, a.Origin, "form-field");
                w.Text("\nPnr: "); w.Put("personnummer", Pnr(random.Next(2) == 0), "form-field");
                w.Text("\nAdress: "); w.Put("address", $"{Pick(Streets)} {random.Next(1, 40)}{Pick(["", " B", " lgh 1203"])}, {random.Next(100, 990)} {random.Next(10, 99)} {Pick(Orter)}", "form-field");
                w.Text("\nTel: "); w.Put("phone", Pick([$"0920-{random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}", $"073 {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}", $"+46 (0)70-{random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}"]), "form-field");
                w.Text("\nE-post: "); w.Put("email", Mail(a).ToUpperInvariant(), "caps");
                w.Text("\n");
            }

            var parts = random.Next(3, 6);
            for (var p = 0; p < parts; p++)
            {
                var b = Person();
                var c = Person();
                switch (random.Next(16))
                {
                    case 0: w.Text("Undertecknad har denna dag haft samtal med "); w.Name(b.Full, b.Origin, "full"); w.Text($" och dennes {Pick(Kin)} "); w.Name(c.Given, c.Origin, "first-alone"); w.Text(". "); break;
                    case 1: w.Text("skickat sms till "); w.Name(b.Given.ToLowerInvariant(), b.Origin, "lower"); w.Text(" om tiden. "); break;
                    case 2: w.Name(b.Given, b.Origin, "first-alone"); w.Text(" o "); w.Name(c.Given, c.Origin, "first-alone"); w.Text(" kom tillsammans. "); break;
                    case 3: w.Name($"{b.Given}:s", b.Origin, "colon-genitive"); w.Text(" mamma ringde. "); break;
                    case 4: w.Text($"Modern ("); w.Name(b.Given, b.Origin, "in-brackets"); w.Text(") uppger att sonen sover dåligt. "); break;
                    case 5: w.Text("Handl. "); w.Name($"{b.Given[0]}. {b.Family}", b.Origin, "initial"); w.Text(" tar över ärendet. "); break;
                    case 6: w.Text("Bor hos "); w.Name(b.Full, b.Origin, "full"); w.Text(" på "); w.Put("address", $"{Pick(["Skolv.", "Storg.", "Kyrkv."])} {random.Next(1, 30)}", "abbreviated"); w.Text(". "); break;
                    case 7: w.Text("Postadress: "); w.Put("address", $"Box {random.Next(1, 900)}, {random.Next(100, 990)}{random.Next(10, 99)} {Pick(Orter)}", "box-unspaced"); w.Text(". "); break;
                    case 8: w.Text("Personnummer "); w.Put("personnummer", Pnr(false).Replace("-", "", StringComparison.Ordinal), "no-dash"); w.Text(" enligt Skatteverket. "); break;
                    case 9: w.Text("Nås via "); w.Put("email", Mail(b), "plain"); w.Text(" eller "); w.Put("phone", $"070{random.Next(1000000, 9999999)}", "plain"); w.Text(". "); break;
                    case 10: w.Text("ANTECKNAT AV "); w.Name(b.Full.ToUpperInvariant(), b.Origin, "caps"); w.Text(", SOCIALSEKRETERARE. "); break;
                    case 11: w.Text($"Enl. {Pick(["SoL 4 kap. 1 §", "11 kap. 5 § SoL", "LVU 2 §", "LSS 9 § 4"])} beviljas insatsen. "); break;
                    case 12: w.Text($"Org.nr {random.Next(55, 56)}{random.Next(6000, 9999)}-{random.Next(1000, 9999)} ("); w.Put("institution", "Stiftelsen Solgården", "named"); w.Text($"). Fakturan avser v. {random.Next(1, 52)}. "); break;
                    case 13: w.Text($"Pnr ÅÅMMDD-XXXX saknas. Cannabis {random.Next(1, 4)} ggr/v enl. egen uppgift. "); break;
                    case 14:
                        var line = Pick(["Kontakt med Röda Korset och Stadsmissionen. ", "Handlar på Ica Maxi, har kort hos Systembolaget? Nej. ", "Placerad på HVB-hem Solgården sedan mars. ", "Samverkan med Arbetsförmedlingen och Försäkringskassan. ", "Familjehemmet i Töre fungerar bra. "]);
                        var home = line.IndexOf("HVB-hem Solgården", StringComparison.Ordinal);
                        if (home < 0)
                        {
                            w.Text(line);
                        }
                        else
                        {
                            w.Text(line[..home]); w.Put("institution", "HVB-hem Solgården", "named"); w.Text(line[(home + "HVB-hem Solgården".Length)..]);
                        }

                        break;
                    default: w.Text("Signerat /"); w.Name(b.Family, b.Origin, "signature"); w.Text("\n"); break;
                }
            }

            yield return w.Note();
        }
    }

    private (string Full, string Given, string Family, string Origin) Person()
    {
        var locale = Names.Keys.ElementAt(random.Next(Names.Count));
        var given = Pick(Names[locale].First);
        var family = Pick(Names[locale].Last);
        return ($"{given} {family}", given, family, "php-faker-" + locale);
    }

    private string Pnr(bool century)
    {
        var year = random.Next(1940, 2012);
        var nine = $"{year % 100:00}{random.Next(1, 13):00}{random.Next(1, 29):00}{random.Next(0, 1000):000}";
        var digits = nine + CheckDigit.Luhn(nine);
        return $"{(century ? (year / 100).ToString(CultureInfo.InvariantCulture) : "")}{digits[..6]}-{digits[6..]}";
    }

    private static string Mail((string Full, string Given, string Family, string Origin) person)
    {
        var local = new StringBuilder();
        foreach (var ch in $"{person.Given}_{person.Family}".Normalize(NormalizationForm.FormD))
        {
            if (ch < 128 && (char.IsLetterOrDigit(ch) || ch == '_'))
            {
                local.Append(char.ToLowerInvariant(ch));
            }
        }

        return $"{local}@{(local.Length % 2 == 0 ? "outlook.com" : "telia.com")}";
    }

    private string Pick(string[] options) => options[random.Next(options.Length)];

    private static Dictionary<string, (string[] First, string[] Last)> Load() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "corpus-data", "intake-names.tsv"))
            .Select(l => l.Split('\t'))
            .Where(f => f.Length == 3)
            .GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => (g.Where(f => f[1] == "first").Select(f => f[2]).ToArray(), g.Where(f => f[1] == "last").Select(f => f[2]).ToArray()));

    /// <summary>A note being written: text and the labels of what it holds.</summary>
    private sealed class NoteWriter
    {
        private readonly StringBuilder text = new();
        private readonly List<Label> labels = [];

        public void Text(string value) => text.Append(value);

        public void Name(string value, string origin, string form)
        {
            labels.Add(new Label("name", text.Length, value.Length, origin, form));
            text.Append(value);
        }

        public void Put(string detector, string value, string form)
        {
            labels.Add(new Label(detector, text.Length, value.Length, null, form));
            text.Append(value);
        }

        public LabelledNote Note() => new(text.ToString().TrimEnd(), labels);
    }
}

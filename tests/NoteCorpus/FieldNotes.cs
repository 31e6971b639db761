using System.Globalization;
using System.Text;
using Bogus;

namespace Socialtjanst.Corpus;

/// <summary>
/// The second evaluation set, written apart from the detectors: notes as caseworkers type them (telegraphic,
/// lower case, genitives, hyphenated and upper-case names, headings such as "Närvarande:"), with names from
/// Bogus's locales (MIT; Swedish, Finnish, Norwegian, Danish, Turkish, Polish, Croatian, Vietnamese) and from
/// lists kept only here for origins that neither Bogus nor the scanner's data cover (Arabic, Somali, Kurdish,
/// Persian/Dari, Tigrinya, Albanian, Ukrainian, Bosnian, Sami, Tornedal Finnish, Norrbotten surnames).
/// Phone numbers, identity numbers and addresses in the forms people write them, and sentences where
/// names are ordinary words, places and agencies (the precision traps). None of these lists may be copied
/// into services/Documentation/Data: the set measures how the scanner does on names it was not given.
/// </summary>
public sealed class FieldNotes
{
    private readonly Random random;
    private readonly Faker[] fakers;

    public FieldNotes(int seed)
    {
        random = new Random(seed);
        Randomizer.Seed = new Random(seed);
        fakers = new[] { "sv", "sv", "sv", "fi", "nb_NO", "tr", "pl", "hr", "vi" }.Select(l => new Faker(l)).ToArray();
    }

    /// <summary>Origins the scanner's data does not cover: kept here only.</summary>
    private static readonly Dictionary<string, (string[] Given, string[] Family)> HeldOut = new()
    {
        ["arabic"] = (["Omar", "Yousef", "Khaled", "Amira", "Layla", "Rania", "Tariq", "Samir", "Nour", "Hiba", "Bilal", "Karim", "Salma", "Zainab", "Mustafa", "Rasha", "Walid", "Hamza"],
            ["Haddad", "Al-Khalil", "Mansour", "Nasser", "Saleh", "Jaber", "Khoury", "Al-Amin", "Darwish", "Hamdan", "Abboud", "Qasim", "El-Sayed", "Shalabi"]),
        ["somali"] = (["Abdirahman", "Faadumo", "Hodan", "Mahad", "Ayaan", "Cawo", "Xaliimo", "Guled", "Sahra", "Ilhaan", "Abdiwali", "Nimco", "Hibaaq", "Deeqa"],
            ["Warsame", "Farah", "Jama", "Dahir", "Egal", "Mohamud", "Aden", "Hirsi", "Cali", "Gedi", "Shire", "Samatar"]),
        ["kurdish"] = (["Rojda", "Zana", "Berivan", "Şivan", "Dilan", "Hêvî", "Azad", "Baran", "Rezan", "Jiyan", "Hejar", "Soran", "Bahoz", "Nishtiman"],
            ["Barzani", "Talabani", "Zebari", "Hawrami", "Kurdi", "Mahmoudi", "Sindi", "Shwani", "Baban", "Doski"]),
        ["persian"] = (["Dariush", "Parisa", "Farshid", "Mahsa", "Nasrin", "Arash", "Behnaz", "Kourosh", "Shabnam", "Roya", "Omid", "Setareh", "Zohra", "Wahid"],
            ["Hosseini", "Rahimi", "Mohammadi", "Karimi", "Ahmadzai", "Sultani", "Rezaei", "Jafari", "Nazari", "Sadeghi", "Popal", "Wardak", "Noori"]),
        ["tigrinya"] = (["Tesfaye", "Semhar", "Yonas", "Mebrahtu", "Kidane", "Abrehet", "Senait", "Filmon", "Selam", "Awet", "Yordanos", "Berhane", "Tekle"],
            ["Ghebreyesus", "Tesfamariam", "Haile", "Woldemichael", "Kahsay", "Berhe", "Gebru", "Asmerom", "Mehari", "Teklehaimanot"]),
        ["albanian"] = (["Arben", "Blerina", "Drita", "Fatmir", "Valbona", "Besnik", "Arta", "Luan", "Mimoza", "Ilir", "Shpresa", "Agron"],
            ["Berisha", "Krasniqi", "Gashi", "Hoxha", "Shala", "Morina", "Kelmendi", "Bytyqi", "Rexhepi", "Dervishi"]),
        ["ukrainian"] = (["Oleksandr", "Olena", "Tetiana", "Andriy", "Iryna", "Mykola", "Oksana", "Dmytro", "Yulia", "Serhiy", "Bohdan", "Halyna"],
            ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchuk", "Melnyk", "Boyko", "Savchuk", "Marchenko", "Lysenko"]),
        ["bosnian"] = (["Amra", "Emir", "Selma", "Adnan", "Lejla", "Haris", "Merima", "Jasmin", "Edin", "Aida", "Senad", "Almir"],
            ["Hodžić", "Mehmedović", "Begić", "Hadžić", "Delić", "Omerović", "Hasanović", "Mujić", "Softić", "Čaušević"]),
        ["sami"] = (["Ánte", "Máhtte", "Elle", "Sunná", "Risten", "Biret", "Jovnna", "Ingá", "Lávre", "Ásllat"],
            ["Labba", "Kuoljok", "Sarri", "Omma", "Pavval", "Nutti", "Spik", "Tuuri", "Kuhmunen", "Partapuoli"]),
        ["tornedalen"] = (["Aino", "Eero", "Pentti", "Raili", "Seppo", "Kaisa", "Tapio", "Marjatta", "Veikko", "Hilkka"],
            ["Keskitalo", "Alatalo", "Juntti", "Pekkari", "Vaara", "Kangas", "Rantatalo", "Mäkitalo", "Korpi", "Kostet", "Pohjanen"]),
        ["norrbotten"] = (["Kurt", "Leif", "Kjell", "Tuva", "Saga", "Gunvor", "Sixten", "Majvor", "Ture", "Alvar"],
            ["Öhman", "Hägglund", "Marklund", "Lundström", "Nyström", "Lindbäck", "Strömbäck", "Granström", "Burman", "Engman", "Lidström", "Boman"]),
    };

    private static readonly string[] Villages = ["Rolfs", "Bredviken", "Sangis", "Morjärv", "Påläng", "Ryssbält", "Risögrund", "Vitvattnet", "Nyborg", "Gammelgården", "Sjöbacka", "Hälleström", "Ytterbyn", "Björkfors"];
    private static readonly string[] StreetPrefixes = ["Norra", "Södra", "Östra", "Västra", "Lilla", "Stora", "Ö.", "N.", "V."];
    private static readonly string[] Abbreviated = ["Strandv.", "Storg.", "Skolv.", "Kyrkog.", "Parkv.", "Hamng."];
    private static readonly string[] Towns = ["Kalix", "Luleå", "Boden", "Haparanda", "Alingsås", "Vårgårda", "Piteå", "Göteborg"];
    private static readonly string[] Domains = ["telia.com", "hotmail.com", "gmail.com", "outlook.se", "live.se", "bredband.net"];

    /// <summary>Sentences with no identifier: words that are also names, places, agencies, dates, amounts, numbers.</summary>
    private static readonly string[] Traps =
    [
        "Ekonomin är ansträngd, hyran 6 450 kr betalas per månad.", "Mål: bo kvar i lägenheten och klara hyran.", "Han beskriver att han har en sten i magen inför mötet.",
        "Hon vill få ett nytt liv efter flytten från Boden.", "Det blev mest ros och lite ris på utvecklingssamtalet.", "Uppföljning planeras i maj.",
        "Träffas två gånger per vecka enligt genomförandeplanen.", "Familjen har varit i kontakt med Försäkringskassan och Arbetsförmedlingen.",
        "Möte på Familjecentralen 14.12.2025 kl. 13.00.", "Beviljat bistånd 12350 SEK för december.", "Rum 3 på avdelningen var bokat.",
        "Vecka 12 är det sportlov i Kalix.", "AUDIT 14 poäng, skattning 3 av 5.", "Ärendenummer SN 2025/4471-3 avslutas.", "Kapitel 14 i planen gäller skolgången.",
        "Bor i Sangis sedan i höstas.", "BUP i Sunderbyn har kallat till möte.", "Praktik på ICA Maxi tre dagar i veckan.", "Sömnen har blivit bättre sedan i våras.",
        "Samtalet hölls via Teams.", "Ny tid: tisdag 09.30–10.15.", "Hon har en ek och två björkar utanför fönstret.", "Kontakt med Polisen angående anmälan.",
        "Ingen orosanmälan har kommit in sedan augusti.", "Skolsköterskan på Furuhedsskolan har vägt och mätt.", "Per capita räknat är kostnaden låg.",
        "Stöd i Luleå kommun avslutades 2024-06-30.", "Klienten har tre barn, 4, 7 och 11 år.", "Läkarintyg från Vårdcentralen Kalix bifogas.",
        "Fakturan 8112189877 gäller förra månaden.", "Region Norrbotten har tagit över ansvaret.", "Tolk på somaliska behövs vid nästa möte.",
        "Liv och hälsa ung-enkäten besvarades i skolan.", "Bo- och stödinsatser diskuterades.", "Saga och verklighet blandas ibland, beskriver skolan.",
        "Maj och juni blir intensiva med avslutningar.", "Sten för sten bygger han upp förtroendet.", "Ros från läraren för närvaron.",
    ];

    public IEnumerable<LabelledNote> Notes(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var note = new Note();
            var sentences = random.Next(3, 8);
            for (var s = 0; s < sentences; s++)
            {
                if (s > 0)
                {
                    note.Text(random.NextDouble() < 0.15 ? "\n" : " ");
                }

                if (random.NextDouble() < 0.35)
                {
                    var trap = Pick(Traps);
                    var school = trap.IndexOf("Furuhedsskolan", StringComparison.Ordinal);
                    if (school < 0)
                    {
                        note.Text(trap);
                    }
                    else
                    {
                        // A named school is an identity-revealing detail (issue 27; docs/note-review.md), labelled since.
                        note.Text(trap[..school]).Put("institution", "Furuhedsskolan").Text(trap[(school + "Furuhedsskolan".Length)..]);
                    }
                }
                else
                {
                    Sentence(note);
                }
            }

            yield return note.Done();
        }
    }

    private sealed class Note
    {
        private readonly StringBuilder text = new();
        private readonly List<Label> labels = [];

        public Note Text(string value)
        {
            text.Append(value);
            return this;
        }

        public Note Put(string detector, string value, string? origin = null)
        {
            labels.Add(new Label(detector, text.Length, value.Length, origin));
            text.Append(value);
            return this;
        }

        public LabelledNote Done() => new(text.ToString(), labels);
    }

    private (string Given, string Family, string Origin) Person()
    {
        if (random.NextDouble() < 0.45)
        {
            var origin = HeldOut.Keys.ElementAt(random.Next(HeldOut.Count));
            var (given, family) = HeldOut[origin];
            return (Pick(given), Pick(family), origin);
        }

        var faker = fakers[random.Next(fakers.Length)];
        var first = faker.Name.FirstName().Split(' ')[0].Trim();
        var last = faker.Name.LastName().Trim();
        return (first, last, "bogus-" + faker.Locale);
    }

    private void Sentence(Note note)
    {
        var (given, family, origin) = Person();
        switch (random.Next(22))
        {
            case 0: note.Text("Hembesök hos ").Put("name", $"{given} {family}", origin).Text(" tillsammans med kollega."); break;
            case 1: note.Put("name", given, origin).Text(" berättar att sömnen fortfarande är orolig."); break;
            case 2:
                var (g2, f2, o2) = Person();
                note.Text("Närvarande: ").Put("name", $"{given} {family}", origin).Text(", ").Put("name", $"{g2} {f2}", o2).Text(" (socialsekreterare)."); break;
            case 3: note.Text("Antecknat av ").Put("name", $"{given} {family}", origin).Text(", IFO."); break;
            case 4: note.Text("samtal m ").Put("name", $"{given.ToLower(CultureInfo.GetCultureInfo("sv-SE"))} {family.ToLower(CultureInfo.GetCultureInfo("sv-SE"))}", origin).Text(" ang skolan"); break;
            case 5: note.Put("name", family + Genitive(family), origin).Text(" mamma ringde och ville boka om."); break;
            case 6: note.Text("Pratade med mormor ").Put("name", given, origin).Text(" som hämtar på fredagar."); break;
            case 7: note.Text("Sonen ").Put("name", given, origin).Text($" ({random.Next(4, 17)} år) var med en stund."); break;
            case 8:
                var (_, f3, _) = Person();
                note.Text("Kontaktperson ").Put("name", $"{given} {family}-{f3}", origin).Text(" har slutat."); break;
            case 9: note.Text("Mejl från ").Put("name", $"{given} {family.ToUpper(CultureInfo.GetCultureInfo("sv-SE"))}", origin).Text(" om schemat."); break;
            case 10: note.Text("Enligt ").Put("name", given, origin).Text(" har det varit lugnare hemma."); break;
            case 11:
                var (g4, _, o4) = Person();
                note.Put("name", given, origin).Text(" och ").Put("name", g4, o4).Text(" kom tillsammans."); break;
            case 12: note.Text("Tolk ").Put("name", $"{given} {family}", origin).Text(" deltog via telefon."); break;
            case 13: note.Text("Läraren ").Put("name", family, origin).Text(" hörde av sig om frånvaron."); break;
            case 14: note.Text("Pappa ").Put("name", given, origin).Text($" bor kvar i {Pick(Towns)}."); break;
            case 15: note.Text("Ring ").Put("phone", Phone()).Text(Pick([" efter lunch.", " mellan 14.30–15.30.", ", helst em."])); break;
            case 16:
                var (kind, number) = IdentityNumber();
                note.Text(Pick(["Pnr ", "pnr: ", "Personnr ", "Födelsenr "])).Put(kind, number).Text(Pick([".", " (enl. ID-kort).", ""])); break;
            case 17: note.Text(Pick(["Ny adress: ", "Bor på ", "Flyttat till ", "Adress "])).Put("address", Street()).Text(Pick([".", ", ", " sedan i somras."])); break;
            case 18: note.Text("Mejladress ").Put("email", Email(given, family)).Text(" (privat)."); break;
            case 19: note.Text("Mötet leddes av ").Put("name", $"{given}-{Person().Given} {family}", origin).Text("."); break;
            case 20: note.Text("Kom överens med ").Put("name", given + Genitive(given), origin).Text(" pappa om hämtning."); break;
            default: note.Text("Tel. ").Put("phone", Phone()).Text($" eller {Pick(["jobbet", "mobilen"])}, post till ").Put("address", $"{random.Next(100, 999)} {random.Next(10, 99)} {Pick(Towns)}").Text("."); break;
        }
    }

    private static string Genitive(string name) => name.EndsWith('s') || name.EndsWith('x') || name.EndsWith('z') ? "" : "s";

    private string Street()
    {
        var number = random.Next(1, 240).ToString(CultureInfo.InvariantCulture);
        var sv = fakers[0];
        return random.Next(6) switch
        {
            0 => $"{Pick(Villages)} {number}",
            1 => $"{Pick(StreetPrefixes)} {sv.Address.StreetName().Split(' ')[^1]} {number}",
            2 => $"{Pick(Abbreviated)} {number}",
            3 => $"{sv.Address.StreetName()} {number} {(char)('A' + random.Next(4))}",
            4 => $"{sv.Address.StreetName()} {number}, lgh {random.Next(1001, 1404)}",
            _ => $"{sv.Address.StreetName()} {number}, {random.Next(1, 6)} tr",
        };
    }

    private string Phone()
    {
        string D(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + random.Next(10))));
        var mobile = "07" + Pick(["0", "2", "3", "6"]);
        return random.Next(10) switch
        {
            0 => $"{mobile}/{D(3)} {D(2)} {D(2)}",
            1 => $"{mobile} - {D(3)} {D(2)} {D(2)}",
            2 => $"{mobile[..2]}{mobile[2]}.{D(3)}.{D(2)}.{D(2)}",
            3 => $"(0920) {D(3)} {D(3)}",
            4 => $"+46 (0){mobile[1..]}-{D(3)} {D(2)} {D(2)}",
            5 => $"{mobile}{D(1)}-{D(2)} {D(2)} {D(2)}",
            6 => $"{mobile}{D(7)}",
            7 => $"0{Pick(["923", "31", "322", "8"])}-{D(2)} {D(2)} {D(2)}",
            8 => $"+46{mobile[1..]}{D(7)}",
            _ => $"{mobile}-{D(3)}{D(4)}",
        };
    }

    private (string Kind, string Number) IdentityNumber()
    {
        var coordination = random.NextDouble() < 0.3;
        var birth = new DateOnly(1935, 1, 1).AddDays(random.Next(0, 365 * 88));
        var day = birth.Day + (coordination ? 60 : 0);
        var nine = $"{birth.Year % 100:00}{birth.Month:00}{day:00}{random.Next(0, 1000):000}";
        var ten = nine + CheckDigit.Luhn(nine);
        var century = (birth.Year / 100).ToString(CultureInfo.InvariantCulture);
        var number = random.Next(6) switch
        {
            0 => $"{century}{ten[..6]} {ten[6..]}",
            1 => $"{ten[..6]} {ten[6..]}",
            2 => $"{century}{ten[..6]}-{ten[6..]}",
            3 => $"{ten[..6]}-{ten[6..]}",
            4 => $"{century}{ten}",
            _ => ten,
        };
        return (coordination ? "samordningsnummer" : "personnummer", number);
    }


    private string Email(string given, string family)
    {
        static string Ascii(string s) => new(s.ToLowerInvariant().Normalize(NormalizationForm.FormD).Where(c => c < 128 && (char.IsLetterOrDigit(c) || c == '-')).ToArray());
        return $"{Ascii(given)}{Pick([".", "_", ""])}{Ascii(family)}{(random.NextDouble() < 0.3 ? random.Next(10, 99).ToString(CultureInfo.InvariantCulture) : "")}@{Pick(Domains)}";
    }

    private string Pick(string[] options) => options[random.Next(options.Length)];
}

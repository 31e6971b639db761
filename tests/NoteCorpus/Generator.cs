using System.Text;

namespace Socialtjanst.Corpus;

/// <summary>
/// Writes synthetic Swedish journal notes with their identifiers labelled: names (a few outside
/// the shipped lists, as in life), personnummer and samordningsnummer in every written form,
/// phone numbers, e-mail and postal addresses, among sentences full of things that are not
/// identifiers (dates, times, amounts, case numbers, numbers with a wrong check digit, words that
/// are also names). Deterministic for a seed.
/// </summary>
public sealed class Generator(int seed)
{
    private readonly Random random = new(seed);

    private static readonly string[] First = ["Anna", "Erik", "Karin", "Lars", "Maria", "Johan", "Sara", "Ahmed", "Fatima", "Oscar", "Elsa", "Nils", "Ida", "Hassan", "Linnéa", "Per", "Bo", "Åsa", "Mikael", "Emma"];
    private static readonly string[] UnlistedFirst = ["Zlatan", "Birger", "Gudrun", "Tage", "Ylva"];
    private static readonly string[] Last = ["Andersson", "Johansson", "Nilsson", "Eriksson", "Svensson", "Lindqvist", "Björklund", "Mohamed", "Öberg", "Berg", "Holmgren", "Sjöberg"];
    private static readonly string[] Streets = ["Storgatan", "Kungsvägen", "Skolgatan", "Järnvägsgatan", "Björkstigen", "Torggränd", "Strandvägen"];
    private static readonly string[] Orter = ["Kalix", "Alingsås", "Töre", "Sollebrunn", "Luleå", "Göteborg"];
    private static readonly string[] Domains = ["exempel.se", "mail.com", "kalix.se", "post.nu"];
    private static readonly string[] Roles = ["Klienten", "Mamman", "Pappan", "Den unge", "Vårdnadshavaren", "Kuratorn"];

    private static readonly string[] Noise =
    [
        "Samtalet pågick kl. 09:15–10:00.",
        "Nästa träff är bokad till 2025-11-04 kl. 14.30.",
        "Beviljat försörjningsstöd 4 250 kr för oktober.",
        "Dnr SN 2025/0142, handläggare enhet IFO.",
        "Per vecka sker två samtal enligt planen.",
        "Berg och dalbana i måendet sedan förra veckan.",
        "Bo i egen lägenhet är ett delmål.",
        "Mående vid start skattat till 3 av 5, vid avslut 4 av 5.",
        "Ärendet gäller tre syskon i åldrarna 7, 9 och 12 år.",
        "Referensnummer 19121212-1213 i det gamla systemet stämmer inte.",
        "Fakturanummer 8112189877 återkom från leverantören.",
        "Kalix kommun och Socialtjänsten samverkar med skolan.",
        "AUDIT-poäng 14 vid första samtalet.",
        "Datum för uppföljning: 01-12-2025.",
        "Insatsen avbröts i förtid av egen vilja.",
        "Orsak till avbrott: flytt till annan kommun.",
        "Rådgivande samtal om sömn och skolgång.",
        "Telefontid mellan 08.00 och 09.00 på vardagar.",
        "Postnummer saknas i underlaget.",
        "Kontakt med BVC enligt Barnsäkert.",
    ];

    public IEnumerable<LabelledNote> Notes(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var text = new StringBuilder();
            var labels = new List<Label>();
            var sentences = random.Next(2, 6);
            for (var s = 0; s < sentences; s++)
            {
                if (s > 0)
                {
                    text.Append(' ');
                }

                if (random.NextDouble() < 0.45)
                {
                    text.Append(Pick(Noise));
                    continue;
                }

                IdentifierSentence(text, labels);
            }

            yield return new LabelledNote(text.ToString(), labels);
        }
    }

    private void IdentifierSentence(StringBuilder text, List<Label> labels)
    {
        void Put(string detector, string value)
        {
            labels.Add(new Label(detector, text.Length, value.Length));
            text.Append(value);
        }

        switch (random.Next(8))
        {
            case 0:
                text.Append(Pick(Roles)).Append(' ');
                Put("name", Name());
                text.Append(" kom till samtalet.");
                break;
            case 1:
                text.Append("Samtal med ");
                Put("name", Name());
                text.Append(", pnr ");
                Put("personnummer", Personnummer());
                text.Append('.');
                break;
            case 2:
                text.Append("Samordningsnummer ");
                Put("samordningsnummer", Samordningsnummer());
                text.Append(" enligt Migrationsverket.");
                break;
            case 3:
                text.Append("Nås på ");
                Put("phone", PhoneNumber());
                text.Append(" efter kl. 16.");
                break;
            case 4:
                text.Append("Mejlade till ");
                Put("email", Email());
                text.Append(" om tiden.");
                break;
            case 5:
                text.Append("Bor på ");
                Put("address", $"{Pick(Streets)} {random.Next(1, 120)}{(random.NextDouble() < 0.2 ? "B" : "")}");
                text.Append(", ");
                Put("address", $"{random.Next(100, 999)} {random.Next(10, 99)} {Pick(Orter)}");
                text.Append('.');
                break;
            case 6:
                Put("name", Name());
                text.Append(" berättade om veckan; ");
                Put("name", Pick(First));
                text.Append(" var med.");
                break;
            default:
                text.Append("Ny adress ");
                Put("address", $"{random.Next(100, 999)}{random.Next(10, 99)} {Pick(Orter)}");
                text.Append(", tel ");
                Put("phone", PhoneNumber());
                text.Append('.');
                break;
        }
    }

    private string Name() => random.NextDouble() < 0.05
        ? Pick(UnlistedFirst) + " " + Pick(Last)
        : random.NextDouble() < 0.7 ? Pick(First) + " " + Pick(Last) : Pick(Last);

    private string Personnummer()
    {
        var birth = new DateOnly(1930, 1, 1).AddDays(random.Next(0, 365 * 90));
        return Format(birth, birth.Day);
    }

    private string Samordningsnummer()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 70));
        return Format(birth, birth.Day + 60);
    }

    private string Format(DateOnly birth, int day)
    {
        var nine = $"{birth.Year % 100:00}{birth.Month:00}{day:00}{random.Next(0, 1000):000}";
        var ten = nine + CheckDigit.Luhn(nine);
        return random.Next(5) switch
        {
            0 => $"{birth.Year / 100}{ten[..6]}-{ten[6..]}",
            1 => $"{birth.Year / 100}{ten}",
            2 => ten,
            _ => $"{ten[..6]}-{ten[6..]}",
        };
    }


    private string PhoneNumber() => random.Next(5) switch
    {
        0 => $"07{random.Next(0, 4) switch { 0 => 0, 1 => 2, 2 => 3, _ => 6 }}-{random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}",
        1 => $"07{random.Next(0, 10)}{random.Next(1000000, 9999999)}",
        2 => $"+46 7{random.Next(0, 10)} {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}",
        3 => $"08-{random.Next(100, 999)} {random.Next(100, 999)} {random.Next(10, 99)}",
        _ => $"0923-{random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}",
    };

    private string Email() => $"{Pick(First).ToLowerInvariant().Replace('å', 'a').Replace('é', 'e')}.{Pick(Last).ToLowerInvariant().Replace('ö', 'o').Replace('å', 'a')}@{Pick(Domains)}";

    private string Pick(string[] options) => options[random.Next(options.Length)];
}

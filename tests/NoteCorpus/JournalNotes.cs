using System.Globalization;
using System.Text;

namespace Socialtjanst.Corpus;

/// <summary>
/// The fourth set, blind when it was written (after the rules were read against the other three): longer
/// narrative journal entries in the form records systems hold them — a heading line, names with titles,
/// initials, nicknames in quotes and parentheses, names beside roles after a comma, several people per
/// sentence, numbers and addresses in running text — with names and frames used nowhere else.
/// </summary>
public sealed class JournalNotes(int seed)
{
    private readonly Random random = new(seed);

    private static readonly Dictionary<string, string[]> Names = new()
    {
        ["swedish"] = ["Ingvor Lindahl", "Bertil Sjödin", "Lisa Grankvist", "Östen Nordmark", "Wivianne Bäckström", "Tor Häggkvist", "Ellinor Strand", "Kennet Oja", "Rut Lindmark", "Nils-Olov Sundqvist"],
        ["arabic"] = ["Jamal Odeh", "Dalia Rifai", "Mahmoud Tamimi", "Sawsan Habib", "Ziad Ghanem", "Noura Abdelaziz"],
        ["somali"] = ["Asad Cige", "Hawa Mohamed Nuur", "Idil Sheikh", "Bashir Gaas", "Filsan Keynan"],
        ["kurdish"] = ["Lava Hamarash", "Shwan Aziz", "Bahar Goran", "Renas Hussein", "Zozan Botani"],
        ["persian"] = ["Atefeh Safavi", "Siamak Nouri", "Laleh Bagheri", "Mehran Sharifi", "Khatera Hashimi", "Nilofar Safi"],
        ["tigrinya"] = ["Milena Estifanos", "Samuel Tewelde", "Rahel Yemane", "Biniam Solomon", "Feven Araya"],
        ["albanian"] = ["Liridona Ahmeti", "Driton Selimi", "Fjolla Ramadani", "Valon Jashari"],
        ["ukrainian"] = ["Kateryna Ostapenko", "Roman Yatsenko", "Svitlana Hordiienko", "Oleh Tymoshchuk"],
        ["bosnian"] = ["Alma Smajić", "Nedim Alić", "Emina Muratović", "Tarik Halilović"],
        ["sami"] = ["Sanna Vannar", "Aslak Kitti", "Inga-Lill Rimpi", "Per-Nils Sikku"],
        ["tornedalen"] = ["Tyyne Heikkilä", "Arvo Kerttu", "Saimi Lahti-Nilsson", "Esko Mäkelä-Pekkari"],
        ["eritrean-ethiopian"] = ["Meron Tadesse", "Abel Girma", "Tigist Bekele"],
        ["chilean-spanish"] = ["Ximena Fuentealba", "Rodrigo Quispe", "Paulina Aravena"],
    };

    private static readonly string[] Roles = ["socialsekreterare", "skolkurator", "elevhälsans psykolog", "familjebehandlare", "boendestödjare", "god man"];

    public IEnumerable<LabelledNote> Notes(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var text = new StringBuilder();
            var labels = new List<Label>();
            void Put(string detector, string value, string? origin = null)
            {
                labels.Add(new Label(detector, text.Length, value.Length, origin));
                text.Append(value);
            }

            (string Full, string Given, string Family, string Origin) Person()
            {
                var origin = Names.Keys.ElementAt(random.Next(Names.Count));
                var full = Names[origin][random.Next(Names[origin].Length)];
                var cut = full.IndexOf(' ');
                return (full, full[..cut], full[(cut + 1)..], origin);
            }

            text.Append(CultureInfo.InvariantCulture, $"2025-{random.Next(1, 13):00}-{random.Next(1, 29):00} Anteckning, ");
            var writer = Person();
            Put("name", writer.Full, writer.Origin);
            text.Append('\n');
            var parts = random.Next(3, 6);
            for (var p = 0; p < parts; p++)
            {
                var a = Person();
                var b = Person();
                switch (random.Next(12))
                {
                    case 0:
                        text.Append("Uppföljande samtal med "); Put("name", a.Full, a.Origin); text.Append(", "); text.Append(Roles[random.Next(Roles.Length)]); text.Append(", och "); Put("name", b.Given, b.Origin); text.Append(". ");
                        break;
                    case 1:
                        text.Append("Närvarande var även "); Put("name", $"{a.Given[0]}. {a.Family}", a.Origin); text.Append(" från skolan. ");
                        break;
                    case 2:
                        text.Append("Pojken, som kallas \""); Put("name", a.Given[..Math.Min(4, a.Given.Length)], a.Origin); text.Append("\" av kamraterna, ville inte prata. ");
                        break;
                    case 3:
                        text.Append("Ssk "); Put("name", a.Family, a.Origin); text.Append(" har tagit prover; svar väntas om 10 dagar. ");
                        break;
                    case 4:
                        Put("name", a.Given, a.Origin); text.Append(" (mamma) och "); Put("name", b.Given, b.Origin); text.Append(" (styvpappa) deltog båda. ");
                        break;
                    case 5:
                        text.Append("Enligt skolans mentor "); Put("name", a.Full, a.Origin); text.Append(" har frånvaron minskat till 12 %. ");
                        break;
                    case 6:
                        text.Append("Telefon till "); Put("name", a.Given, a.Origin); text.Append(" på "); Put("phone", $"070-{random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}"); text.Append(" utan svar. ");
                        break;
                    case 7:
                        text.Append("Familjen bor nu på "); Put("address", $"{Pick(["Sjövägen", "Tallstigen", "Grubbnäsvägen", "Köpmansgatan", "Hantverkargatan"])} {random.Next(1, 60)}"); text.Append(" i Kalix. ");
                        break;
                    case 8:
                        text.Append("Dr. "); Put("name", a.Family, a.Origin); text.Append(" på vårdcentralen skriver intyg. ");
                        break;
                    case 9:
                        text.Append("Barnen, "); Put("name", a.Given, a.Origin); text.Append(" 6 år och "); Put("name", b.Given, b.Origin); text.Append(" 9 år, var hemma. ");
                        break;
                    case 10:
                        text.Append("Ny kontaktperson för ungdomen blir "); Put("name", a.Full, a.Origin); text.Append(". ");
                        break;
                    default:
                        text.Append(Pick([
                            "Insatsen pågår enligt plan och följs upp i mars. ", "Mående skattat till 4 av 10 vid start. ", "Stöd från Stadsmissionen med matkasse. ",
                            "Han har börjat på Komvux i Luleå. ", "Ny tid den 3 februari kl. 13.30 på Familjecentralen. ", "Skulder hos Kronofogden på 48 000 kr. ",
                            "Gemensam planering med Region Norrbotten och BUP. ", "Hon har svårt att sova och äter dåligt. ", "Per person räknas 2 timmar i veckan. ",
                        ]));
                        break;
                }
            }

            yield return new LabelledNote(text.ToString().TrimEnd(), labels);
        }
    }

    private string Pick(string[] options) => options[random.Next(options.Length)];
}

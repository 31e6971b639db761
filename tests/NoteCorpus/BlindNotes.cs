using System.Globalization;
using System.Text;

namespace Socialtjanst.Corpus;

/// <summary>
/// The third set, kept blind: written after the scanner's rules were settled, with sentence frames and
/// names used nowhere else (not in the scanner's data, not in the other two sets), and never read for
/// misses while the rules were being written. Its figures are the ones to trust for names the scanner
/// has never seen; once its misses are read to change a rule it stops being blind, and a new one is due.
/// </summary>
public sealed class BlindNotes(int seed)
{
    private readonly Random random = new(seed);

    private static readonly Dictionary<string, string[]> Names = new()
    {
        ["swedish"] = ["Gunnel Wiklund", "Roger Forsgren", "Ebba Sandström", "Harriet Lindkvist", "Tommy Brännström", "Agda Holmqvist", "Lennart Vikström", "Signe Rönnqvist", "Majken Eklöf", "Göte Åström"],
        ["arabic"] = ["Yasmin Al-Rashid", "Fadi Shamoun", "Malak Younes", "Adel Kassab", "Huda Barakat", "Sami Khalaf", "Reem Suleiman", "Nabil Hijazi"],
        ["somali"] = ["Sagal Abdullahi", "Liban Yusuf", "Hamdi Barre", "Abdikadir Omar", "Ifrah Gure", "Mukhtar Kahin", "Ubah Ducaale"],
        ["kurdish"] = ["Delal Rashid", "Kawa Osman", "Newroz Qadir", "Serhat Demir", "Roj Bakr", "Aveen Salih", "Dara Jalal"],
        ["persian"] = ["Golnaz Tehrani", "Babak Farahani", "Yalda Esfahani", "Kaveh Moradi", "Hamid Naseri", "Fereshteh Azizi", "Mursal Stanikzai"],
        ["tigrinya"] = ["Helen Tsegay", "Daniel Okbazghi", "Luwam Habte", "Robel Ghirmay", "Eden Fessehaye", "Natnael Zerai", "Hiwet Andemariam"],
        ["albanian"] = ["Genta Avdiu", "Florim Sadiku", "Vjosa Zeqiri", "Dardan Mustafa", "Teuta Haxhiu", "Kushtrim Beqiri"],
        ["ukrainian"] = ["Viktoriia Hnatiuk", "Taras Zhuravel", "Nataliia Moroz", "Yaroslav Polishchuk", "Liudmyla Kushnir", "Vasyl Hrytsenko"],
        ["bosnian"] = ["Nermina Kapetanović", "Mirza Husić", "Azra Bajramović", "Damir Salkić", "Elma Ćatić", "Kenan Zukić"],
        ["sami"] = ["Ristin Utsi", "Ovla Länta", "Ájllo Pirak", "Márjá Nilsdotter-Kuorak", "Niillas Tuolja"],
        ["tornedalen"] = ["Irja Kieksi", "Oiva Rova", "Laila Välitalo", "Tauno Kuoksu", "Eila Rantakokko", "Mauno Lantto"],
        ["polish"] = ["Bożena Grabowska", "Wojciech Pawlak", "Dorota Michalska", "Zbigniew Sikora", "Jadwiga Wróbel"],
        ["vietnamese"] = ["Thanh Trúc Võ", "Đức Anh Lương", "Mai Phương Trịnh", "Bảo Ngọc Tạ"],
        ["turkish"] = ["Gökhan Erdoğan", "Sevgi Yavuz", "Tuncay Özdemir", "Nurcan Aksoy"],
    };

    private static readonly string[] Filler =
    [
        "Hon uppger att det känns tungt just nu.", "Vi kom överens om att ses igen om två veckor.", "Inga nya uppgifter om skolgången.",
        "Ekonomin diskuterades, kvittot på 2 340 kr lämnades in.", "Sten på sten, säger hon om arbetet med att komma tillbaka.",
        "Bo själv är inget alternativ just nu.", "Per telefon meddelades att tiden flyttas till 2026-01-14 kl. 10.00.",
        "Ros och beröm från skolan för närvaron.", "Liv i luckan på fritidsgården varje fredag.", "Tid bokad v. 7, rum 4.",
        "Underlag från Arbetsförmedlingen väntas.", "Ärendet överlämnas till mottagningsgruppen.", "Kontakt med Kronofogden kring skulder.",
        "Han har flyttat från Haparanda till Kiruna.", "Ingen oro uttrycks av förskolan.", "Möte på Stadshuset i Alingsås 3/2.",
    ];

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

            var lines = random.Next(3, 7);
            for (var s = 0; s < lines; s++)
            {
                if (s > 0)
                {
                    text.Append(random.NextDouble() < 0.3 ? "\n- " : " ");
                }

                if (random.NextDouble() < 0.4)
                {
                    text.Append(Filler[random.Next(Filler.Length)]);
                    continue;
                }

                var origin = Names.Keys.ElementAt(random.Next(Names.Count));
                var full = Names[origin][random.Next(Names[origin].Length)];
                var given = full[..full.LastIndexOf(' ')];
                var family = full[(full.LastIndexOf(' ') + 1)..];
                var lower = full.ToLower(CultureInfo.GetCultureInfo("sv-SE"));
                switch (random.Next(14))
                {
                    case 0: text.Append("Telefonsamtal från "); Put("name", full, origin); text.Append(" som undrade över beslutet."); break;
                    case 1: text.Append("Deltagare: "); Put("name", full, origin); text.Append(", handläggare och tolk."); break;
                    case 2: Put("name", given, origin); text.Append(" säger att hon vill fortsätta."); break;
                    case 3: text.Append("besök hos "); Put("name", lower, origin); text.Append(" i hemmet"); break;
                    case 4: text.Append("Dottern "); Put("name", given, origin); text.Append(" är sjuk sedan i måndags."); break;
                    case 5: text.Append("Vi ringde "); Put("name", given, origin); text.Append(" men fick inget svar."); break;
                    case 6: text.Append("Ansvarig lärare är "); Put("name", full, origin); text.Append('.'); break;
                    case 7: text.Append("Uppgifter lämnade av "); Put("name", family.ToUpper(CultureInfo.GetCultureInfo("sv-SE")), origin); text.Append(" på förskolan."); break;
                    case 8: Put("name", family + (family.EndsWith('s') ? "" : "s"), origin); text.Append(" bror hämtade barnen."); break;
                    case 9: text.Append("Kontakt: "); Put("phone", $"07{random.Next(0, 4) switch { 0 => 0, 1 => 2, 2 => 3, _ => 6 }} {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}"); text.Append(", bäst förmiddag."); break;
                    case 10: text.Append("Hemadress: "); Put("address", $"{family}s väg {random.Next(1, 90)}"); text.Append(", "); Put("address", $"{random.Next(100, 999)} {random.Next(10, 99)} Kalix"); text.Append('.'); break;
                    case 11:
                        var birth = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 365 * 80));
                        var nine = $"{birth.Year % 100:00}{birth.Month:00}{birth.Day:00}{random.Next(0, 1000):000}";
                        text.Append("Id-handling visad, personnummer "); Put("personnummer", $"{birth.Year / 100}{nine[..6]}-{nine[6..]}{CheckDigit.Luhn(nine)}"); text.Append('.'); break;
                    case 12: text.Append("Svar skickat till "); Put("email", $"{Ascii(given)}.{Ascii(family)}@kommun.se"); text.Append('.'); break;
                    default: text.Append("Överenskommet med "); Put("name", given, origin); text.Append(" och socialsekreteraren."); break;
                }
            }

            yield return new LabelledNote(text.ToString(), labels);
        }
    }

    private static string Ascii(string s) =>
        new(s.ToLowerInvariant().Normalize(NormalizationForm.FormD).Where(c => c < 128 && char.IsLetter(c)).ToArray());

}

using System.Globalization;
using System.Text.RegularExpressions;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// The guideline's doubts put before the nämnd instead of decided in code (issue 29): every reading the encoding
/// chose that the nämnd has not confirmed is a finding, with its passage; so is a condition whose quoted words no
/// longer match the rule it carries (an age limit changed under an unchanged quote).
/// </summary>
public static partial class Interpretations
{
    public static IEnumerable<Finding> Unconfirmed(IEnumerable<Interpretation> readings, string prefix) =>
        readings.Where(r => !r.Confirmed).Select(r => new Finding
        {
            Code = "interpretation-unconfirmed",
            Field = prefix + r.Field,
            Message = $"Tolkning som nämnden inte har bekräftat: «{r.Passage}» läses som: {r.Reading} Tills nämnden beslutat gäller den läsningen.",
        });

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    /// <summary>
    /// Age conditions whose guideline wording names numbers of which neither limit is one: "Unga mellan 15 till 21 år"
    /// carried by an age 16–21. A limit matches its number, or for a maximum the number one above ("upp till 23" is at
    /// most 22).
    /// </summary>
    public static IEnumerable<Finding> QuotesThatDoNotMatch(Condition? condition, string path = "conditions")
    {
        if (condition is null)
        {
            yield break;
        }

        if (condition.Age is { } age && condition.SourceText.Length > 0)
        {
            var numbers = Number().Matches(condition.SourceText).Select(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToHashSet();
            var minOk = !age.HasMinYears || numbers.Contains(age.MinYears);
            var maxOk = !age.HasMaxYears || numbers.Contains(age.MaxYears) || numbers.Contains(age.MaxYears + 1);
            if (numbers.Count > 0 && !(minOk && maxOk))
            {
                yield return new Finding
                {
                    Code = "quote-does-not-match-rule",
                    Field = path,
                    Message = $"Villkorets citat ur riktlinjen («{condition.SourceText}») stämmer inte med åldersgränsen det bär " +
                        $"({(age.HasMinYears ? age.MinYears.ToString(CultureInfo.InvariantCulture) : "")}–{(age.HasMaxYears ? age.MaxYears.ToString(CultureInfo.InvariantCulture) : "")} år). Rätta villkoret eller citatet.",
                };
            }
        }

        var children = condition.KindCase switch
        {
            Condition.KindOneofCase.All => condition.All.Conditions.Select((c, i) => (c, $"{path}.all[{i}]")),
            Condition.KindOneofCase.Any => condition.Any.Conditions.Select((c, i) => (c, $"{path}.any[{i}]")),
            Condition.KindOneofCase.Not => [(condition.Not, path + ".not")],
            _ => [],
        };
        foreach (var (child, childPath) in children)
        {
            foreach (var finding in QuotesThatDoNotMatch(child, childPath))
            {
                yield return finding;
            }
        }
    }
}

using System.Text;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Domain;

/// <summary>
/// docs/seed-review.md: every condition of every seed insats, the guideline's wording beside its
/// encoding, how it was read and what the catalog flags. Made from the seed files, so it cannot drift
/// from them: the test fails when the committed page differs (rewrite it with
/// SOCIALTJANST_WRITE_DOCS=1 dotnet test --filter SeedReviewDocumentTests).
/// </summary>
public class SeedReviewDocumentTests
{
    private static readonly string[] Files = [SeedFiles.Kalix2001, SeedFiles.Kalix2025, SeedFiles.Alingsas, SeedFiles.Exempelkommun];

    [Fact]
    public void TheSeedReviewPage_IsTheSeedsAsTheyAre()
    {
        var page = Render();
        var path = Path.Combine(Hosts.RepositoryRoot(), "docs", "seed-review.md");
        if (Environment.GetEnvironmentVariable("SOCIALTJANST_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, page);
        }

        Assert.True(File.Exists(path), "docs/seed-review.md is missing");
        Assert.True(File.ReadAllText(path) == page, "docs/seed-review.md differs from the seeds: rewrite it with SOCIALTJANST_WRITE_DOCS=1 dotnet test --filter SeedReviewDocumentTests");
    }

    /// <summary>
    /// A condition whose encoding is a choice (an age word such as "upp till" or "över", a målgrupp read as a
    /// condition or an attested fact, a suitability judgement read from the guideline's words) has its reading recorded
    /// in the catalog, with its passage: no reading is decided silently (issue 29).
    /// </summary>
    [Fact]
    public void EveryReadingThatIsAChoice_IsRecordedInTheCatalog_WithItsPassage()
    {
        var missing = new List<string>();
        foreach (var file in Files.Where(f => f != SeedFiles.Kalix2001))
        {
            var catalog = CatalogFileReader.Read(SeedFiles.Read(file)).File!;
            foreach (var iv in catalog.Interventions.Select(e => e.Intervention))
            {
                foreach (var leaf in Leaves(iv.Conditions, ""))
                {
                    var w = leaf.Wording;
                    var choice = leaf.Condition.KindCase switch
                    {
                        Condition.KindOneofCase.Age => w.Contains("upp till", StringComparison.OrdinalIgnoreCase) || w.Contains("över", StringComparison.OrdinalIgnoreCase),
                        Condition.KindOneofCase.Registered or Condition.KindOneofCase.AttestedFact => w.Contains("målgrupp", StringComparison.OrdinalIgnoreCase),
                        _ => false,
                    };
                    if (choice && !iv.Interpretations.Any(r => r.Field == "conditions" && r.Passage == w))
                    {
                        missing.Add($"{file} {iv.Name}: «{w}»");
                    }
                }

                if (iv.SuitableFrom15WithoutConsent && !iv.Interpretations.Any(r => r.Field == "suitable_from_15_without_consent"))
                {
                    missing.Add($"{file} {iv.Name}: suitable from 15");
                }
            }
        }

        Assert.True(missing.Count == 0, "Readings not recorded as interpretations:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void EveryConditionOfEverySeedInsats_CarriesTheGuidelinesWording()
    {
        foreach (var file in Files)
        {
            var catalog = CatalogFileReader.Read(SeedFiles.Read(file)).File!;
            foreach (var iv in catalog.Interventions.Select(e => e.Intervention))
            {
                foreach (var leaf in Leaves(iv.Conditions, ""))
                {
                    Assert.False(string.IsNullOrWhiteSpace(leaf.Wording), $"{file} {iv.Name}: {leaf.Encoding} has no source_text");
                }
            }
        }
    }

    private static string Render()
    {
        var page = new StringBuilder();
        page.AppendLine("# The seed catalogs against their guidelines, condition by condition");
        page.AppendLine();
        page.AppendLine("Made by `SeedReviewDocumentTests` from `services/Catalog/catalogs/*.yaml`; do not edit by hand. Each row is one");
        page.AppendLine("condition: the guideline's wording (`source_text`), its encoding, how it was read, and what the catalog flags");
        page.AppendLine("for the insats (findings: accepted, but the kommun should look; the statute applies in every answer).");
        page.AppendLine("Readings come from the catalog itself: where the encoding chose between readings of the guideline, the insats");
        page.AppendLine("(or the kommun's rules) records an *interpretation* — the passage, the reading chosen, and whether the nämnd has");
        page.AppendLine("confirmed it — and an unconfirmed one is a finding (`interpretation-unconfirmed`) in the catalog's validation and");
        page.AppendLine("the workbench until the nämnd confirms or changes it. A condition with no interpretation is read *literally*. A");
        page.AppendLine("target group that is neither checkable nor attestable is text only, and the file's header says why.");
        foreach (var file in Files)
        {
            var catalog = CatalogFileReader.Read(SeedFiles.Read(file)).File!;
            page.AppendLine();
            page.AppendLine($"## {catalog.MunicipalityName} ({catalog.MunicipalityCode}) — `{file}`");
            page.AppendLine();
            foreach (var reading in catalog.Rules?.Interpretations ?? [])
            {
                page.AppendLine($"The kommun's rules, `{reading.Field}`: {Cell(reading.Passage)} — read as: {Cell(reading.Reading)} ({Confirmation(reading)})");
                page.AppendLine();
            }

            page.AppendLine("| insats | guideline's wording | encoding | reading | findings |");
            page.AppendLine("|---|---|---|---|---|");
            foreach (var iv in catalog.Interventions.Select(e => e.Intervention))
            {
                var id = iv.Name[(iv.Name.LastIndexOf('/') + 1)..];
                var findings = string.Join(", ", InterventionRules.Findings(iv).Where(f => f.Code != "interpretation-unconfirmed").Select(f => $"`{f.Code}` ({f.Paragraph})"));
                var leaves = Leaves(iv.Conditions, "").ToList();
                if (leaves.Count == 0)
                {
                    page.AppendLine($"| {id} | {Cell(iv.TargetGroup)} (målgrupp) | none: {(iv.Access == Access.NeedsAssessed ? "needs-assessed" : "open to all")} | literal | {findings} |");
                    continue;
                }

                foreach (var leaf in leaves)
                {
                    page.AppendLine($"| {id} | {Cell(leaf.Wording)} | {Cell(leaf.Encoding)} | {Reading(iv, "conditions", leaf.Wording)} | {findings} |");
                }

                if (iv.SuitableFrom15WithoutConsent)
                {
                    var judgement = iv.Interpretations.FirstOrDefault(r => r.Field == "suitable_from_15_without_consent");
                    page.AppendLine($"| {id} | {Cell(judgement?.Passage ?? iv.SuitabilitySource)} | suitable from 15 without consent (21 kap. 2 § SoL) | {Reading(iv, "suitable_from_15_without_consent", judgement?.Passage ?? "")} | {findings} |");
                }
            }
        }

        return page.ToString();
    }

    private sealed record Leaf(string Wording, string Encoding, Condition Condition);

    private static IEnumerable<Leaf> Leaves(Condition? c, string inherited, string prefix = "")
    {
        if (c is null)
        {
            yield break;
        }

        var wording = string.IsNullOrWhiteSpace(c.SourceText) ? inherited : c.SourceText;
        switch (c.KindCase)
        {
            case Condition.KindOneofCase.All or Condition.KindOneofCase.Any:
                var list = c.KindCase == Condition.KindOneofCase.All ? c.All : c.Any;
                var join = c.KindCase == Condition.KindOneofCase.Any ? "one of: " : "";
                foreach (var inner in list.Conditions)
                {
                    foreach (var leaf in Leaves(inner, wording, prefix + join))
                    {
                        yield return leaf;
                    }
                }

                break;
            case Condition.KindOneofCase.Not:
                foreach (var leaf in Leaves(c.Not, wording, prefix + "not "))
                {
                    yield return leaf;
                }

                break;
            default:
                yield return new Leaf(wording, prefix + Encode(c), c);
                break;
        }
    }

    private static string Encode(Condition c) => c.KindCase switch
    {
        Condition.KindOneofCase.Age => $"{(c.Age.Subject == Subject.Child ? "child's age" : "age")} {(c.Age.HasMinYears ? c.Age.MinYears.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}–{(c.Age.HasMaxYears ? c.Age.MaxYears.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}",
        Condition.KindOneofCase.Registered => $"{(c.Registered.Subject == Subject.Child ? "child " : "")}registered in {c.Registered.MunicipalityCode}",
        Condition.KindOneofCase.SchoolEnrolment => $"{(c.SchoolEnrolment.Subject == Subject.Child ? "child " : "")}enrolled in a school of {c.SchoolEnrolment.MunicipalityCode} ({c.SchoolEnrolment.SchoolForms})",
        Condition.KindOneofCase.GuardianConsent => "guardian's consent",
        Condition.KindOneofCase.GuardianInformed => "guardian informed",
        Condition.KindOneofCase.AttestedFact => $"attested `{c.AttestedFact.Code}`",
        _ => c.KindCase.ToString(),
    };

    /// <summary>The catalog's recorded reading of a passage, or "literal" when it records none.</summary>
    private static string Reading(Intervention iv, string field, string passage) =>
        iv.Interpretations.FirstOrDefault(r => r.Field == field && r.Passage == passage) is { } reading
            ? $"{Cell(reading.Reading)} ({Confirmation(reading)})"
            : "literal";

    private static string Confirmation(Interpretation reading) =>
        reading.Confirmed ? "confirmed: " + Cell(reading.ConfirmedBy) : "*not confirmed by the nämnd*";

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Trim();
}

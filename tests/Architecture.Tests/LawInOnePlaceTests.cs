using System.Text.RegularExpressions;

namespace Socialtjanst.Architecture.Tests;

/// <summary>
/// The law library (services/Law) is the only source of acts, paragraphs, the new act's first day and "in force on a
/// day" (issue 29): no code, page or script elsewhere writes a paragraph ("11 kap. 5 §"), an act's number
/// ("2025:400"), the first day of the new act or its own in-force test. Comments may cite; text an answer or a page
/// shows may not. The rule is shown to fail on a planted violation.
/// </summary>
public sealed partial class LawInOnePlaceTests
{
    [GeneratedRegex(@"\d+\s*kap\.\s*\d+|\b(2025:400|2001:453)\b|DateOnly\(2025,\s*7,\s*1\)|1 juli 2025|\bfrom\s*<=\s*day\s*&&\s*\(to is null")]
    private static partial Regex LawLiteral();

    private static readonly string[] Extensions = [".cs", ".js", ".html"];

    private static IEnumerable<string> Offending(IEnumerable<(string File, string Text)> sources) =>
        sources.SelectMany(s => s.Text.Split('\n').Select((line, i) => (s.File, Line: i + 1, Text: line)))
            .Where(x => !IsComment(x.Text) && LawLiteral().IsMatch(x.Text))
            .Select(x => $"{x.File}:{x.Line}: {x.Text.Trim()}");

    private static bool IsComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('*') || trimmed.StartsWith("/*", StringComparison.Ordinal) || trimmed.StartsWith("<!--", StringComparison.Ordinal);
    }

    [Fact]
    public void NoParagraphActOrFirstDay_IsWrittenOutsideTheLawLibrary()
    {
        var services = Path.Combine(LayeringTests.Root, "services");
        var sources = Directory.GetFiles(services, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
                        && !f.Contains("/services/Law/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(LayeringTests.Root, f), File.ReadAllText(f)))
            .ToList();
        Assert.True(sources.Count > 100, "too few files read to prove anything");
        var offending = Offending(sources).ToList();
        Assert.True(offending.Count == 0, "Law written outside services/Law (cite it through Law.Statute):\n" + string.Join('\n', offending));
    }

    [Theory]
    [InlineData("problems.Add(new RuleProblem(\"11 kap. 5 § SoL\", field, message));")]
    [InlineData("const access = { ACCESS_DIRECT: \"Utan behovsprövning (11 kap. 5 § SoL)\" };")]
    [InlineData("var newAct = day >= new DateOnly(2025, 7, 1);")]
    [InlineData("public bool InForce(DateOnly day) => from <= day && (to is null || day <= to);")]
    [InlineData("\"Från den 1 juli 2025 dokumenteras allt.\"")]
    public void APlantedViolation_IsFound(string line)
    {
        Assert.Single(Offending([("planted.cs", line)]));
        Assert.Empty(Offending([("planted.cs", "// " + line)]));
    }
}

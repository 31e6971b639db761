using System.Text.RegularExpressions;

namespace Socialtjanst.Architecture.Tests;

/// <summary>
/// docs/architecture.md's "A fifth service", walked against the tree: every file it lists exists for every service there
/// is and names each of them (so it is a list a fifth joins), and every file that names all the services is in the
/// recipe — as touched, or as left as it is. A new list of the services written anywhere fails here until the recipe
/// says what it is.
/// </summary>
public sealed partial class FifthServiceRecipeTests
{
    private static readonly string Root = LayeringTests.Root;

    /// <summary>The services: each folder under services/ with a Program.cs, but the suite that runs them.</summary>
    private static readonly string[] Services = [.. Directory.GetDirectories(Path.Combine(Root, "services"))
        .Where(d => File.Exists(Path.Combine(d, "Program.cs")) && Path.GetFileName(d) != "Suite")
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)];

    private static readonly (IReadOnlyList<string> New, IReadOnlyList<string> Touched, IReadOnlyList<string> Left) Recipe = ReadRecipe();

    [Fact]
    public void TheRecipe_IsFoundWithItsThreeLists()
    {
        Assert.Equal(["Catalog", "Documentation", "Eligibility", "FollowUp"], Services);
        Assert.True(Recipe.New.Count >= 4, string.Join(", ", Recipe.New));
        Assert.True(Recipe.Touched.Count >= 10, string.Join(", ", Recipe.Touched));
        Assert.NotEmpty(Recipe.Left);
    }

    [Fact]
    public void EveryNewFile_ExistsForEveryService()
    {
        var missing = Recipe.New
            .SelectMany(template => Services.Select(service => template.Replace("<service>", service.ToLowerInvariant(), StringComparison.Ordinal).Replace("<Service>", service, StringComparison.Ordinal)))
            .Where(path => !File.Exists(Path.Combine(Root, path)) && !Directory.Exists(Path.Combine(Root, path)))
            .ToList();
        Assert.True(missing.Count == 0, "The recipe's new files, missing for a service there is: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryTouchedFile_ExistsAndNamesEveryService()
    {
        var wrong = Recipe.Touched
            .Select(path => (path, full: Path.Combine(Root, path)))
            .Select(f => (f.path, missing: File.Exists(f.full) ? Services.Where(s => !Names(File.ReadAllText(f.full), s)).ToList() : ["the file"]))
            .Where(f => f.missing.Count > 0)
            .Select(f => $"{f.path} (lacks {string.Join(", ", f.missing)})")
            .ToList();
        Assert.True(wrong.Count == 0, "The recipe touches files that are not lists of the services: " + string.Join("; ", wrong));
    }

    [Fact]
    public void EveryFileNamingAllServices_IsInTheRecipe()
    {
        var listed = Recipe.Touched.Concat(Recipe.Left).ToHashSet(StringComparer.Ordinal);
        var unlisted = Files()
            .Where(path => !listed.Contains(path) && !IsNewFileOfAService(path))
            .Where(path => Services.All(s => Names(File.ReadAllText(Path.Combine(Root, path)), s)))
            .ToList();
        Assert.True(unlisted.Count == 0,
            "These files name every service but the recipe (docs/architecture.md, 'A fifth service') does not say whether a fifth changes them: " + string.Join(", ", unlisted));
    }

    [Fact]
    public void TheScan_WouldSeeAnUnlistedList()
    {
        // The scan's own check: the suite's list of services is found by it, and only the recipe keeps it from failing.
        Assert.Contains("services/Suite/SuiteServices.cs", Files());
        Assert.All(Services, s => Assert.True(Names(File.ReadAllText(Path.Combine(Root, "services/Suite/SuiteServices.cs")), s)));
        Assert.False(Names("the catalog, eligibility and documentation", "FollowUp"));
        Assert.True(Names("FOLLOW_UP_TOKEN", "FollowUp"));
    }

    // A service is named by its name in any case, its words joined or not ("FollowUp", "followup", "follow-up", "FOLLOW_UP").
    private static bool Names(string text, string service) =>
        Regex.IsMatch(text, string.Join("[-_ ]?", SplitWords().Split(service).Where(w => w.Length > 0).Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private bool IsNewFileOfAService(string path) =>
        Recipe.New.Any(template => Services.Any(service =>
        {
            var instance = template.Replace("<service>", service.ToLowerInvariant(), StringComparison.Ordinal).Replace("<Service>", service, StringComparison.Ordinal);
            return instance.EndsWith('/') ? path.StartsWith(instance, StringComparison.Ordinal) : path == instance;
        }));

    // The repository's own text files: not generated code, not packages or build output, not docs (which name the
    // services everywhere and are the recipe's place), not the services' seed catalogs or the note corpus.
    private static List<string> Files()
    {
        string[] skipped = ["/bin/", "/obj/", "/node_modules/", "/.git/", "/TestResults/", "/data/", "clients/typescript/src/gen/", "clients/typescript/src/rest/", "/dist/", "clients/python/gen/", "tests/NoteCorpus/", "services/Catalog/catalogs/", "third_party/"];
        string[] text = [".cs", ".csproj", ".proto", ".yaml", ".yml", ".json", ".ts", ".js", ".mjs", ".slnx", ".props", ".sh", ".html", ""];
        return [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !skipped.Any(s => ("/" + f).Contains(s, StringComparison.Ordinal)))
            .Where(f => !f.StartsWith("openapi/", StringComparison.Ordinal) && !f.EndsWith("package-lock.json", StringComparison.Ordinal))
            .Where(f => text.Contains(Path.GetExtension(f)) && !f.StartsWith('.'))
            .Order(StringComparer.Ordinal)];
    }

    private static (IReadOnlyList<string>, IReadOnlyList<string>, IReadOnlyList<string>) ReadRecipe()
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));
        var start = doc.IndexOf("**A fifth service**", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/architecture.md has no 'A fifth service' recipe");
        var end = doc.IndexOf("\nBefore (", start, StringComparison.Ordinal);
        var section = doc[start..(end < 0 ? doc.Length : end)];
        var parts = Regex.Split(section, @"\n- ");
        List<string> Paths(string prefix) => [.. parts.Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(p => Backticked().Matches(p).Select(m => m.Groups[1].Value))
            .Where(p => p.Contains('/', StringComparison.Ordinal) || p.Contains('.', StringComparison.Ordinal))
            .Where(p => !p.Contains(' ', StringComparison.Ordinal) && !p.Contains('=', StringComparison.Ordinal))];
        // "new": only the paths at the top level of the list (the folder's contents in parentheses are its parts).
        var newFiles = Paths("new").Where(p => p.StartsWith("protos/", StringComparison.Ordinal) || p.StartsWith("services/", StringComparison.Ordinal) && p.EndsWith('/')
            || p.StartsWith("deploy/", StringComparison.Ordinal) || p.StartsWith("openapi/", StringComparison.Ordinal) || p.StartsWith("tests/", StringComparison.Ordinal)).ToList();
        return (newFiles, Paths("touched"), Paths("naming all four"));
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex SplitWords();
}

using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Socialtjanst.Settings;

namespace Socialtjanst.Architecture.Tests;

/// <summary>
/// docs/settings.md: every setting of every service in one table, generated from the settings types (each an
/// <see cref="ISettings"/>: its section, each property's default, allowed range and documentation comment), then
/// the few settings read by key, kept by hand below a marker. A settings type changed without the document, or a
/// key read in code that the document does not name, fails the run. Regenerate: SOCIALTJANST_WRITE_DOCS=1.
/// </summary>
public sealed partial class SettingsDocumentTests
{
    private const string Marker = "<!-- Below: settings read by key, kept by hand; SettingsDocumentTests checks every key read in services/ is named here or above. -->";

    private static readonly string DocumentPath = Path.Combine(LayeringTests.Root, "docs", "settings.md");

    private static readonly string[] Assemblies =
        ["Socialtjanst.Hosting", "Socialtjanst.Data", "Socialtjanst.Audit", "Socialtjanst.CatalogReplica", "Socialtjanst.Catalog", "Socialtjanst.Eligibility", "Socialtjanst.Documentation", "Socialtjanst.FollowUp"];

    [Fact]
    public void TheDocument_IsTheOneGeneratedFromTheSettingsTypes()
    {
        var current = File.Exists(DocumentPath) ? File.ReadAllText(DocumentPath).ReplaceLineEndings("\n") : "";
        var byHand = current.Contains(Marker, StringComparison.Ordinal) ? current[(current.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..] : "\n";
        var generated = Generate() + Marker + byHand;
        if (Environment.GetEnvironmentVariable("SOCIALTJANST_WRITE_DOCS") == "1")
        {
            File.WriteAllText(DocumentPath, generated);
        }

        var undocumented = generated.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal) && l.EndsWith("|  |", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "Settings without a documentation comment:\n" + string.Join('\n', undocumented));
        Assert.True(current == generated, "docs/settings.md is not what the settings types say: run SOCIALTJANST_WRITE_DOCS=1 dotnet test --filter SettingsDocumentTests in tests/Architecture.Tests");
    }

    [Fact]
    public void EveryKeyReadInCode_IsNamedInTheDocument()
    {
        var document = File.ReadAllText(DocumentPath);
        var keys = Directory.GetFiles(Path.Combine(LayeringTests.Root, "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyRead().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(keys);
        var missing = keys.Where(k => !document.Contains(k, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Read in code but not in docs/settings.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void AValueOutsideItsRange_StopsTheStart_NamingTheKeyAndTheRange_NotTheValue()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Documentation:SuppressionThreshold"] = "1", ["Catalog:Fleet:ChangePollInterval"] = "00:00:00.001" })
            .Build();
        var report = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => SettingsReader.Read<Documentation.Application.ReportOptions>(configuration));
        Assert.Contains("Documentation", report.Message, StringComparison.Ordinal);
        Assert.Contains("SuppressionThreshold", report.Message, StringComparison.Ordinal);
        Assert.Contains("between 3 and 1000", report.Message, StringComparison.Ordinal);
        var poll = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => SettingsReader.Read<Catalog.Application.FleetOptions>(configuration));
        Assert.Contains("ChangePollInterval", poll.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("00:00:00.001", poll.Message, StringComparison.Ordinal);
        Assert.Equal(5, SettingsReader.Read<Documentation.Application.ReportOptions>(new ConfigurationBuilder().Build()).SuppressionThreshold);
    }

    // A key as code reads it: GetValue("A:B"), c["A:B"], GetSection("A:B"), a setting constant.
    [GeneratedRegex(@"(?:GetValue(?:<[^>]+>)?\(|\b(?:c|config|configuration|Configuration)\[|GetSection\(|Setting\w* = )""(?<key>[A-Za-z_][A-Za-z0-9_:]*)""")]
    private static partial Regex KeyRead();

    private static string Generate()
    {
        var text = new StringBuilder();
        text.Append("""
            # Settings

            Every setting of every service, generated from the settings types in `services/` (each implements
            `ISettings`: it is bound from its section and checked against its ranges at start, and a value outside them
            stops the start naming the key and the range, never the value). Each service reads only the sections it
            uses; environment variables use `__` for `:` (`Catalog__Fleet__ChangePollInterval`). Regenerate with
            `SOCIALTJANST_WRITE_DOCS=1 dotnet test tests/Architecture.Tests --filter SettingsDocumentTests`.

            | key | default | allowed | what it does |
            |---|---|---|---|

            """.ReplaceLineEndings("\n"));
        var types = Assemblies.Select(Assembly.Load)
            .SelectMany(a => a.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(ISettings).IsAssignableFrom(t)).Select(t => (Type: t, Docs: Docs(a))))
            .OrderBy(t => (string)t.Type.GetProperty("Section", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!, StringComparer.Ordinal);
        foreach (var (type, docs) in types)
        {
            var section = (string)type.GetProperty("Section", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            Rows(text, section, type, Activator.CreateInstance(type), docs);
        }

        return text.Append('\n').ToString();
    }

    private static void Rows(StringBuilder text, string prefix, System.Type type, object? defaults, Dictionary<string, string> docs)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{p.Name}";
            var value = defaults is null ? null : p.GetValue(defaults);
            var element = p.PropertyType.IsGenericType && typeof(IList).IsAssignableFrom(p.PropertyType) ? p.PropertyType.GetGenericArguments()[0] : null;
            if (element is not null && element.IsClass && element != typeof(string))
            {
                Rows(text, key + ":{n}", element, Activator.CreateInstance(element), docs);
                continue;
            }

            if (p.PropertyType.IsClass && p.PropertyType != typeof(string) && element is null)
            {
                Rows(text, key, p.PropertyType, value, docs);
                continue;
            }

            var what = docs.GetValueOrDefault($"P:{p.DeclaringType!.FullName}.{p.Name}", "");
            text.Append(CultureInfo.InvariantCulture, $"| `{key}` | {Default(value, element)} | {Allowed(p)} | {what.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
    }

    private static string Default(object? value, System.Type? element) => value switch
    {
        null => "",
        string s when s.Length == 0 => "",
        string s => $"`{s}`",
        bool b => b ? "`true`" : "`false`",
        TimeSpan t => $"`{t.ToString("c", CultureInfo.InvariantCulture)}`",
        IList list when element is not null => list.Count == 0 ? "" : $"`{string.Join(", ", list.Cast<object>())}`",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };

    private static string Allowed(PropertyInfo p)
    {
        if (p.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            return $"{range.Minimum} – {range.Maximum}".Replace(int.MaxValue.ToString(CultureInfo.InvariantCulture), "no limit", StringComparison.Ordinal);
        }

        if (p.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern)
        {
            return $"`{pattern.Pattern}`";
        }

        return p.PropertyType.IsEnum ? string.Join(", ", Enum.GetNames(p.PropertyType).Select(n => $"`{n}`")) : "";
    }

    /// <summary>The assembly's documentation comments (its .xml beside it), member id → summary as one line of text.</summary>
    private static Dictionary<string, string> Docs(Assembly assembly)
    {
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(file))
        {
            return [];
        }

        return XDocument.Load(file).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => OneLine(m.Element("summary")!), StringComparer.Ordinal);
    }

    private static string OneLine(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => "`" + ((string?)e.Attribute("cref") ?? (string?)e.Attribute("langword") ?? "").Split('.', ':')[^1] + "`",
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => "`" + (string?)e.Attribute("name") + "`",
                XElement { Name.LocalName: "c" } e => "`" + e.Value + "`",
                XElement e => e.Value,
                _ => "",
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

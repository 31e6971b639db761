using System.Reflection;
using System.Text.RegularExpressions;

namespace Socialtjanst.Architecture.Tests;

/// <summary>
/// The layers of docs/architecture.md: Domain and Application code knows no transport (no gRPC, no
/// ASP.NET Core), the pure libraries reference neither, and the gRPC classes stay thin.
/// </summary>
public sealed partial class LayeringTests
{
    internal static readonly string Root = FindRoot();

    [GeneratedRegex(@"\b(Grpc\.|Microsoft\.AspNetCore|ServerCallContext|RpcException|IServerStreamWriter|HttpContext)\b")]
    private static partial Regex TransportType();

    public static TheoryData<string> PureFolders() =>
        [.. Directory.GetDirectories(Path.Combine(Root, "services"), "*", SearchOption.AllDirectories)
            .Where(d => Path.GetFileName(d) is "Domain" or "Application" && !d.Contains("/obj/", StringComparison.Ordinal))
            .Select(d => Path.GetRelativePath(Root, d))
            .Concat(["services/Errors", "services/Law", "services/IdentityNumbers", "services/NoteScanning"])
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(PureFolders))]
    public void DomainAndApplication_NameNoTransportType(string folder)
    {
        var offending = Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && TransportType().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offending.Count == 0, "Transport types in a pure layer:\n" + string.Join('\n', offending));
    }

    [Theory]
    [InlineData("Socialtjanst.Errors")]
    [InlineData("Socialtjanst.Law")]
    [InlineData("Socialtjanst.IdentityNumbers")]
    [InlineData("Socialtjanst.NoteScanning")]
    public void PureLibraries_ReferenceNoTransportAssembly(string assembly)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Grpc", StringComparison.Ordinal) || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r.StartsWith("Google.Protobuf", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Socialtjanst.Hosting", StringComparison.Ordinal));
    }

    public static TheoryData<string> ApiClasses() =>
        [.. Directory.GetFiles(Path.Combine(Root, "services"), "*Api.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains("/Api/", StringComparison.Ordinal) || f.Contains("/Audit/", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f))
            .Order(StringComparer.Ordinal)];

    /// <summary>A gRPC class translates: names, checks and paging come from the shared helpers, logic from Domain/Application.</summary>
    [Theory]
    [MemberData(nameof(ApiClasses))]
    public void GrpcClasses_AreThin(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, file)).Length;
        Assert.True(lines <= 140, $"{file} has {lines} lines; move checks to a *Requests class and logic to Application.");
    }

    [Fact]
    public void Hosting_HoldsNoFeatureOrDomain()
    {
        var hosting = Path.Combine(Root, "services", "Hosting");
        var folders = Directory.GetDirectories(hosting).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Answers", "Auth", "Errors", "Lifecycle", "Limits", "Logging", "Requests", "Rest"], folders);
        Assert.Empty(Directory.GetFiles(hosting, "*.proto", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(hosting, "*.sql", SearchOption.AllDirectories));
    }

    [Fact]
    public void ServiceCode_HasOneTopLevelTypePerFile()
    {
        var declaration = TopLevelType();
        var crowded = Directory.GetFiles(Path.Combine(Root, "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.EndsWith("Program.cs", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Count(l => declaration.IsMatch(l)) > 1)
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();
        Assert.True(crowded.Count == 0, "Files with more than one top-level type:\n" + string.Join('\n', crowded));
    }

    [GeneratedRegex(@"^(public |internal )?(sealed |static |abstract |readonly |partial )*(class|record|struct|enum|interface) ")]
    private static partial Regex TopLevelType();

    internal static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Socialtjanst.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}

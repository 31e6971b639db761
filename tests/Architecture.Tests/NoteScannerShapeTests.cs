namespace Socialtjanst.Architecture.Tests;

/// <summary>
/// The note scanner stays readable (docs/note-review.md, "How the scanner is built"): no source file over 400 lines,
/// and neither the pass, its state (ScanState) nor a detector keeps a flag: the context is one value (PreviousWord).
/// </summary>
public sealed class NoteScannerShapeTests
{
    private static readonly string Folder = Path.Combine(LayeringTests.Root, "services", "NoteScanning");

    private static IEnumerable<string> Sources() =>
        Directory.GetFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    [Fact]
    public void NoScannerFile_IsOver400Lines()
    {
        var long_ = Sources().Select(f => (File: Path.GetRelativePath(LayeringTests.Root, f), Lines: File.ReadAllLines(f).Length)).Where(x => x.Lines > 400).ToList();
        Assert.True(Sources().Count() >= 10, "the scanner's sources were not found");
        Assert.True(long_.Count == 0, string.Join('\n', long_.Select(x => $"{x.File}: {x.Lines} lines")));
    }

    [Fact]
    public void ThePass_HoldsNoBooleanFlags()
    {
        var flags = Sources()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line.Trim())))
            .Where(x => (x.Text.StartsWith("private bool ", StringComparison.Ordinal) || x.Text.StartsWith("public bool ", StringComparison.Ordinal))
                && !x.Text.Contains('(', StringComparison.Ordinal) && !x.Text.Contains("=>", StringComparison.Ordinal) && !x.Text.Contains('{', StringComparison.Ordinal))
            .Select(x => $"{x.File}:{x.Line}: {x.Text}")
            .ToList();
        Assert.True(flags.Count == 0, "Flags in the scanner (put the context in PreviousWord):\n" + string.Join('\n', flags));
    }
}

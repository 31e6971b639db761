using BenchmarkDotNet.Attributes;
using Socialtjanst.NoteScanning;

namespace Socialtjanst.Micro;

/// <summary>
/// The identifier scanner over 64 KiB of Swedish journal text, and over crafted inputs of the same
/// size that aim at its loops: digits and separators, e-mail at-signs, capitalized name-like words,
/// long unknown capitalized words (the compound analysis), lower-case unknown runs after a cue (the look
/// ahead), hyphen chains and letters Swedish does not use.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ScannerBenchmarks
{
    public const int Size = 64 * 1024;
    private static readonly DateOnly Today = new(2026, 11, 23);

    private string normal = "";
    private string digits = "";
    private string ats = "";
    private string capitals = "";
    private string streets = "";
    private string compounds = "";
    private string lowerRuns = "";
    private string hyphens = "";
    private string foreign = "";

    [GlobalSetup]
    public void Setup()
    {
        const string note = "Samtal med Anna Svensson (811218-9876) om sömn och skolgång. Nås på 070-123 45 67 eller anna.svensson@exempel.se. " +
                            "Bor på Storgatan 12, 952 31 Kalix. Mående vid start 3 av 5. Nästa träff 2025-11-04 kl. 14.30. Beviljat 1 250 kr. " +
                            "Kuratorn gick igenom planen med vårdnadshavaren och bokade uppföljning om två veckor. ";
        normal = Fill(note);
        digits = Fill("1212121212-1212+12 12-12 ");
        ats = Fill("a@b@c@d.e@");
        capitals = Fill("Anna Maria Karin Erik Andersson Berg ");
        streets = Fill("Storgatan 1234567 Kungsvägen 12 3 ");
        compounds = Fill("med Husbilsförsäljningsverksamhetens Hushållsekonomiplanerarnas ");
        lowerRuns = Fill("m xqzv bnrt kqlwv hos yzx qwrtl ");
        hyphens = Fill("Al-Bo-Ek-Li-Sten-Per-Ros-Liv-Ann-Eva ");
        foreign = Fill("Çğışöü Žćčšđ Łńśźż Ễươă Ħĸŋ ");
    }

    private static string Fill(string unit)
    {
        var text = new System.Text.StringBuilder(Size + unit.Length);
        while (text.Length < Size)
        {
            text.Append(unit);
        }

        return text.ToString(0, Size);
    }

    [Benchmark(Baseline = true)]
    public int Normal() => IdentifierScanner.Scan(normal, Today).Count;

    [Benchmark]
    public int Digits() => IdentifierScanner.Scan(digits, Today).Count;

    [Benchmark]
    public int AtSigns() => IdentifierScanner.Scan(ats, Today).Count;

    [Benchmark]
    public int Capitals() => IdentifierScanner.Scan(capitals, Today).Count;

    [Benchmark]
    public int Streets() => IdentifierScanner.Scan(streets, Today).Count;

    [Benchmark]
    public int Compounds() => IdentifierScanner.Scan(compounds, Today).Count;

    [Benchmark]
    public int LowerRuns() => IdentifierScanner.Scan(lowerRuns, Today).Count;

    [Benchmark]
    public int Hyphens() => IdentifierScanner.Scan(hyphens, Today).Count;

    [Benchmark]
    public int Foreign() => IdentifierScanner.Scan(foreign, Today).Count;
}

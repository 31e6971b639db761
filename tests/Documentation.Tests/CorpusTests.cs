using Socialtjanst.NoteScanning;
using Socialtjanst.Corpus;

namespace Socialtjanst.Documentation.Tests;

/// <summary>
/// The detectors' quality on the labelled sets in tests/Documentation.Tests/corpus, against the issue's
/// targets: notes.jsonl was written beside the detectors; field-notes, blind-notes and journal-notes apart
/// from them, with names the scanner's data does not hold (docs/note-review.md tells their history).
/// </summary>
public class CorpusTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static IReadOnlyList<LabelledNote> Set(string name) => LabelledNote.ReadAll(Path.Combine(AppContext.BaseDirectory, "corpus", name)).ToList();

    public static TheoryData<string> Sets => new() { "notes.jsonl", "field-notes.jsonl", "blind-notes.jsonl", "journal-notes.jsonl", "hurried-notes.jsonl", "intake-notes.jsonl", "casework-notes.jsonl", "logbook-notes.jsonl", "service-notes.jsonl" };

    [Fact]
    public void Corpus_HasAtLeast500Notes_WithEveryDetectorLabelled()
    {
        var notes = Set("notes.jsonl");
        var scores = Evaluation.Score(notes, Today);
        Assert.True(notes.Count >= 500);
        Assert.Equal(["address", "email", "name", "personnummer", "phone", "samordningsnummer"], scores.Select(s => s.Detector).ToArray());
        Assert.All(scores, s => Assert.True(s.Labels >= 100, s.ToString()));
        Assert.True(Set("field-notes.jsonl").Count >= 500);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void EveryDetector_MeetsItsTargets(string set)
    {
        var notes = Set(set);
        foreach (var score in Evaluation.Score(notes, Today))
        {
            Assert.True(score.Precision >= 0.97, $"{set}: {score}");
            if (score.Detector == "address")
            {
                Assert.True(score.Coverage >= 0.95, $"{set}: {score}");
            }
            else if (score.Detector != "name")
            {
                Assert.True(score.Recall >= 0.99, $"{set}: {score}");
            }
        }

        var names = Evaluation.NameTokens(notes, Today)[0];
        Assert.True(names.Recall >= 0.97 && names.Precision >= 0.97, $"{set}: {names}");
    }

    [Fact]
    public void TheSetsWrittenApart_AreMostlyNamesTheScannerWasNotGiven()
    {
        foreach (var set in new[] { "field-notes.jsonl", "blind-notes.jsonl", "journal-notes.jsonl", "hurried-notes.jsonl", "intake-notes.jsonl" })
        {
            var rows = Evaluation.NameTokens(Set(set), Today);
            var unknown = rows.Single(r => r.Detector.Contains("not in", StringComparison.Ordinal));
            Assert.True(unknown.Labels >= rows[0].Labels / 3, $"{set}: {unknown}");
            Assert.True(unknown.Recall >= 0.95, $"{set}: {unknown}");
        }
    }

    /// <summary>A note cut anywhere (a records system sends what the caseworker has typed so far) scans without an error: every rule reads ahead only within the text.</summary>
    [Fact]
    public void EveryNoteCutAtAnyPoint_ScansWithoutError()
    {
        var cuts = 0;
        foreach (var set in new[] { "notes.jsonl", "field-notes.jsonl", "journal-notes.jsonl", "hurried-notes.jsonl", "intake-notes.jsonl", "casework-notes.jsonl", "logbook-notes.jsonl", "service-notes.jsonl" })
        {
            foreach (var note in Set(set).Take(150))
            {
                for (var end = 1; end <= note.Text.Length; end += 3)
                {
                    var text = note.Text[..end];
                    Assert.All(IdentifierScanner.Scan(text, Today), d => Assert.True(d.Start >= 0 && d.End <= text.Length));
                    cuts++;
                }
            }
        }

        Assert.True(cuts > 10_000, cuts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

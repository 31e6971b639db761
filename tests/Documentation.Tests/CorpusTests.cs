using Socialtjanst.Corpus;

namespace Socialtjanst.Documentation.Tests;

/// <summary>The detectors' quality on the labelled corpus (tests/Documentation.Tests/corpus), against the targets.</summary>
public class CorpusTests
{
    private static readonly IReadOnlyList<DetectorScore> Scores =
        Evaluation.Score(LabelledNote.ReadAll(Path.Combine(AppContext.BaseDirectory, "corpus", "notes.jsonl")), new DateOnly(2026, 11, 23));

    [Fact]
    public void Corpus_HasAtLeast500Notes_WithEveryDetectorLabelled()
    {
        Assert.True(LabelledNote.ReadAll(Path.Combine(AppContext.BaseDirectory, "corpus", "notes.jsonl")).Count() >= 500);
        Assert.Equal(["address", "email", "name", "personnummer", "phone", "samordningsnummer"], Scores.Select(s => s.Detector).ToArray());
        Assert.All(Scores, s => Assert.True(s.Labels >= 100, s.ToString()));
    }

    [Theory]
    [InlineData("personnummer", 0.99)]
    [InlineData("samordningsnummer", 0.99)]
    [InlineData("email", 0.99)]
    [InlineData("phone", 0.99)]
    [InlineData("name", 0.90)]
    [InlineData("address", 0.90)]
    public void Detector_MeetsItsRecallAndPrecision(string detector, double recall)
    {
        var score = Scores.Single(s => s.Detector == detector);
        Assert.True(score.Recall >= recall, score.ToString());
        Assert.True(score.Precision >= 0.95, score.ToString());
    }
}

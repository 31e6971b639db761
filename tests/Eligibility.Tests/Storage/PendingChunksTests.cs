using System.Collections.Concurrent;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Storage;

/// <summary>
/// The queue of the decision log: answers appended encoded to their kommun's open chunk, closed into stored chunks. Every
/// chunk here is read back with the format's generated parser (<see cref="DecisionChunks.Decode"/>), not with the code
/// that wrote it.
/// </summary>
public sealed class PendingChunksTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static string Id(DateTimeOffset at, string replica, int n) => $"{at.ToUnixTimeMilliseconds():x12}{replica}-{n:x}";

    // Two versions of an insats's conditions, and answers that differ in every field the chunk keeps.
    private static readonly ConditionRecord[] Adult = [new("Ålder 18 år eller äldre", ConditionStatus.Met, "Riktlinje IFO, avsnitt 3", true)];
    private static readonly ConditionRecord[] Child =
    [
        new("Barn 7–17 år", ConditionStatus.Met, "Riktlinje barn, avsnitt 2", true),
        new("Vårdnadshavares samtycke", ConditionStatus.Unknown, "SoL 2025:400 11 kap.", false),
    ];

    private static DecisionLogEntry Entry(string code, string id, DateTimeOffset at, int n) => new(
        code, id, at, new DateOnly(2025, 7, 1).AddDays(n % 400), n % 2 == 0 ? "samtal" : "stod", 3 + (n % 5), (Outcome)(1 + (n % 3)),
        n % 2 == 0 ? Adult : Child,
        FactProfile.Of(PersonFacts.Of(new SubjectFacts(n % 90, code, null), consent: n % 3 == 0, attested: new HashSet<string>(StringComparer.Ordinal) { $"fakta-{n % 7}" })));

    private static List<DecisionLogEntry> Decoded(ChunkRow chunk) => [.. DecisionChunks.Decode(chunk.MunicipalityCode, chunk.Chunk, (_, _) => true, withConditions: true)];

    private static void AssertSame(DecisionLogEntry expected, DecisionLogEntry read)
    {
        Assert.Equal((expected.MunicipalityCode, expected.DecisionId, expected.DecidedAt, expected.AsOf, expected.InterventionId, expected.CatalogRevision, expected.Outcome),
            (read.MunicipalityCode, read.DecisionId, read.DecidedAt, read.AsOf, read.InterventionId, read.CatalogRevision, read.Outcome));
        Assert.Equal(expected.Conditions, read.Conditions);
        Assert.Equal((expected.Facts.Age, expected.Facts.RegisteredMunicipality, expected.Facts.GuardianConsent), (read.Facts.Age, read.Facts.RegisteredMunicipality, read.Facts.GuardianConsent));
        Assert.Equal(expected.Facts.Attested, read.Facts.Attested);
    }

    [Fact]
    public async Task ManyCallersAtOnce_WhileTheWriterTakes_EveryAnswerIsInOneChunkOfItsKommun_Whole()
    {
        var pending = new PendingChunks();
        var kommuner = new[] { "2514", "0180", "1480" };
        var given = new ConcurrentDictionary<string, DecisionLogEntry>(StringComparer.Ordinal);
        var chunks = new ConcurrentBag<ChunkRow>();
        using var done = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                pending.Take().ForEach(chunks.Add);
                await Task.Delay(3);
            }
        });
        await Parallel.ForAsync(0, 8, async (caller, _) =>
        {
            for (var n = 0; n < 2500; n++)
            {
                var at = Start.AddMilliseconds(n * 2);
                var entry = Entry(kommuner[(caller + n) % 3], Id(at, $"0000000{caller}", n), at, n + caller);
                given[entry.DecisionId] = entry;
                Assert.True(pending.Add(entry));
                if (n % 500 == 0)
                {
                    await Task.Yield();
                }
            }
        });
        await done.CancelAsync();
        await writer;
        pending.Take(stop: true).ForEach(chunks.Add);

        var read = new Dictionary<string, DecisionLogEntry>(StringComparer.Ordinal);
        foreach (var chunk in chunks)
        {
            var answers = Decoded(chunk);
            Assert.Equal(chunk.Answers, answers.Count);
            Assert.All(answers, a => Assert.Equal(chunk.MunicipalityCode, a.MunicipalityCode));
            Assert.Equal(answers.Select(a => a.DecisionId).Min(StringComparer.Ordinal), chunk.FirstId);
            Assert.Equal(answers.Select(a => a.DecisionId).Max(StringComparer.Ordinal), chunk.LastId);
            Assert.True(chunk.Chunk.Length <= PendingChunks.MaxChunkBytes, $"a chunk of {chunk.Chunk.Length} bytes");
            Assert.InRange(DecisionIds.MillisecondsOf(chunk.LastId) - DecisionIds.MillisecondsOf(chunk.FirstId), 0, (long)DecisionLogStore.ChunkSpan.TotalMilliseconds);
            answers.ForEach(a => read.Add(a.DecisionId, a));
        }

        Assert.Equal(given.Count, read.Count);
        foreach (var (id, entry) in given)
        {
            AssertSame(entry, read[id]);
        }

        Assert.False(pending.Add(given.Values.First())); // stopped: nothing more is taken in
        Assert.Empty(pending.Take());
    }

    [Fact]
    public void AChunkTaken_StaysAsItWas_WhileItsArrayServesTheNextAnswers()
    {
        var pending = new PendingChunks();
        var firsts = Enumerable.Range(0, 300).Select(n => Entry("2514", Id(Start.AddMilliseconds(n), "aaaa0000", n), Start.AddMilliseconds(n), n)).ToList();
        firsts.ForEach(e => pending.Add(e));
        var taken = Assert.Single(pending.Take());
        var copy = taken.Chunk.ToArray();

        for (var n = 0; n < 3000; n++)
        {
            pending.Add(Entry("2514", Id(Start.AddSeconds(1).AddMilliseconds(n), "bbbb0000", n), Start.AddSeconds(1), n + 1));
        }

        Assert.Equal(copy, taken.Chunk);
        var read = Decoded(taken);
        Assert.Equal(firsts.Count, read.Count);
        firsts.Zip(read).ToList().ForEach(p => AssertSame(p.First, p.Second));
        Assert.True(pending.Take().Count > 1, "3 000 answers in one chunk");
    }

    [Fact]
    public void AnswersOverMoreThanTheSpan_AreCut_AndAnAnswerLargerThanAChunk_GetsOneOfItsOwn()
    {
        var pending = new PendingChunks();
        var spanned = Enumerable.Range(0, 25).Select(n => Entry("0180", Id(Start.AddSeconds(n), "cccc0000", n), Start.AddSeconds(n), n)).ToList();
        spanned.ForEach(e => pending.Add(e));
        var large = Entry("0180", Id(Start.AddSeconds(30), "cccc0000", 99), Start.AddSeconds(30), 4) with
        {
            Facts = FactProfile.Of(PersonFacts.Of(new SubjectFacts(40, "0180", null), consent: null,
                attested: Enumerable.Range(0, 2000).Select(i => $"en-mycket-lang-faktakod-som-upprepas-{i:D5}").ToHashSet(StringComparer.Ordinal))),
        };
        pending.Add(large);

        var chunks = pending.Take();
        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunks for 25 s of answers");
        Assert.All(chunks.Where(c => c.Answers > 1), c =>
            Assert.InRange(DecisionIds.MillisecondsOf(c.LastId) - DecisionIds.MillisecondsOf(c.FirstId), 0, (long)DecisionLogStore.ChunkSpan.TotalMilliseconds));
        var alone = Assert.Single(chunks, c => c.FirstId == large.DecisionId);
        Assert.Equal(1, alone.Answers);
        Assert.True(alone.Chunk.Length > PendingChunks.MaxChunkBytes);
        AssertSame(large, Assert.Single(Decoded(alone)));
        Assert.Equal(spanned.Select(s => s.DecisionId), chunks.Where(c => c != alone).SelectMany(Decoded).Select(a => a.DecisionId).Order(StringComparer.Ordinal));
    }
}

using Socialtjanst.Data;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Storage;

/// <summary>The decision log's SQL on SQLite and (when configured) SQL Server.</summary>
public abstract class DecisionLogStoreContract
{
    protected abstract DatabaseOptions Options { get; }

    protected virtual void SkipUnlessConfigured()
    {
    }

    private DecisionLogStore NewStore()
    {
        Migrations.Run(Options, typeof(DecisionLogStore).Assembly);
        return new DecisionLogStore(new DbConnectionFactory(Options));
    }

    /// <summary>An id as the service makes them: the moment in milliseconds (12 hex digits), 8 more, a dash, a counter.</summary>
    private static string Id(DateTimeOffset at, int n) => $"{at.ToUnixTimeMilliseconds():x12}0000abcd-{n:x}";

    private static DecisionLogEntry Entry(string code, int n, DateTimeOffset at, string intervention = "samtal", int age = 19, string? id = null) => new(
        code, id ?? Id(at, n), at, new DateOnly(2025, 10, 1), intervention, 7, Outcome.Eligible,
        [new ConditionRecord("Ålder 18 år eller äldre", ConditionStatus.Met, "Riktlinje IFO, avsnitt 3 (Exempelkommun)", true)],
        FactProfile.Of(PersonFacts.Of(new SubjectFacts(age, code, null), consent: true, attested: new HashSet<string>(StringComparer.Ordinal) { "b-fakta", "a-fakta" })));

    /// <summary>The kommun's chunks as stored: first and last id, how many answers, how many bytes.</summary>
    private async Task<List<(string First, string Last, int Answers, long Bytes)>> ChunksOfAsync(string code)
    {
        await using var connection = await new DbConnectionFactory(Options).OpenAsync(CancellationToken.None);
        var length = Options.Provider switch
        {
            DatabaseProvider.Sqlite => "length",
            DatabaseProvider.PostgreSql => "octet_length",
            _ => "DATALENGTH",
        };
        return (await Dapper.SqlMapper.QueryAsync<(string, string, int, long)>(connection,
            $"SELECT first_id, last_id, answers, {length}(chunk) FROM decision_chunk WHERE municipality_code = @code", new { code })).ToList();
    }

    [SkippableFact]
    public async Task AnEntry_ReadsBackWhole_InItsKommunOnly_AndARetriedBatchDoesNotFail()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var (mine, theirs) = ("7" + Random.Shared.Next(100, 999), "8" + Random.Shared.Next(100, 999));
        var at = new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);
        var entry = Entry(mine, 1, at);
        await store.AppendAsync([entry, Entry(theirs, 2, at)], CancellationToken.None);
        await store.AppendAsync([entry], CancellationToken.None); // the same batch again: left as it is

        var read = await store.GetAsync(mine, entry.DecisionId, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal((entry.DecidedAt, entry.AsOf, entry.InterventionId, entry.CatalogRevision, entry.Outcome), (read.DecidedAt, read.AsOf, read.InterventionId, read.CatalogRevision, read.Outcome));
        Assert.Equal(entry.Conditions, read.Conditions);
        Assert.Equal((new AgeBand(18, 20), mine, true), (read.Facts.Age, read.Facts.RegisteredMunicipality, read.Facts.GuardianConsent));
        Assert.Equal(["a-fakta", "b-fakta"], read.Facts.Attested);
        Assert.Null(await store.GetAsync(mine, Id(at, 2), CancellationToken.None)); // the other kommun's id
    }

    [SkippableFact]
    public async Task APeriod_IsTheKommunsQuestionsAboutTheInsats_InTime_AndThePurgeTakesOnlyTheExpired()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var (mine, theirs) = ("6" + Random.Shared.Next(100, 999), "5" + Random.Shared.Next(100, 999));
        var day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await store.AppendAsync(
        [
            Entry(mine, 1, day.AddHours(1)),
            Entry(mine, 2, day.AddHours(2)),
            Entry(mine, 3, day.AddDays(1)), // after the period
            Entry(mine, 4, day.AddHours(3), intervention: "annat"),
            Entry(theirs, 5, day.AddHours(1)),
            Entry(mine, 6, day.AddYears(-3)), // expired
        ], CancellationToken.None);

        var period = await store.PeriodAsync(mine, "samtal", day, day.AddDays(1), 10, CancellationToken.None);
        Assert.Equal([Id(day.AddHours(1), 1), Id(day.AddHours(2), 2)], period.Select(p => p.DecisionId));
        Assert.Single(await store.PeriodAsync(mine, "samtal", day, day.AddDays(1), 1, CancellationToken.None));

        Assert.True(await store.PurgeAsync(day.AddYears(-2), CancellationToken.None) >= 1);
        Assert.Null(await store.GetAsync(mine, Id(day.AddYears(-3), 6), CancellationToken.None));
        Assert.NotNull(await store.GetAsync(mine, Id(day.AddHours(1), 1), CancellationToken.None));
        Assert.NotNull(await store.GetAsync(theirs, Id(day.AddHours(1), 5), CancellationToken.None));
    }

    [SkippableFact]
    public async Task AnswersOfTwoReplicas_OverMoreThanAChunksSpan_AreEachFound_AndAPeriodIsInIdOrder()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var mine = "4" + Random.Shared.Next(100, 999);
        var start = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        // Two replicas (their own 8 digits after the moment), answers every 0.9 s for 36 s, interleaved; counters cross
        // a hex digit's width (f, 10, ...), so an id's text order is not its counter's order; written in two batches.
        var answers = Enumerable.Range(0, 40).SelectMany(i => new[]
        {
            Entry(mine, 0, start.AddMilliseconds(900 * i), id: $"{start.AddMilliseconds(900 * i).ToUnixTimeMilliseconds():x12}1111aaaa-{i + 8:x}"),
            Entry(mine, 0, start.AddMilliseconds((900 * i) + 450), intervention: i % 3 == 0 ? "annat" : "samtal", id: $"{start.AddMilliseconds((900 * i) + 450).ToUnixTimeMilliseconds():x12}2222bbbb-{i + 250:x}"),
        }).ToList();
        await store.AppendAsync(answers[..50], CancellationToken.None);
        await store.AppendAsync(answers[50..], CancellationToken.None);

        foreach (var answer in answers)
        {
            Assert.Equal(answer.DecisionId, (await store.GetAsync(mine, answer.DecisionId, CancellationToken.None))?.DecisionId);
        }

        // Kept in chunks of at most ChunkSpan each, every answer once.
        var chunks = await ChunksOfAsync(mine);
        Assert.Equal(answers.Count, chunks.Sum(c => c.Answers));
        Assert.True(chunks.Count >= 4, $"{chunks.Count} chunks for 36 s of answers in two batches");
        Assert.All(chunks, c => Assert.InRange(DecisionIds.MillisecondsOf(c.Last) - DecisionIds.MillisecondsOf(c.First), 0, (long)DecisionLogStore.ChunkSpan.TotalMilliseconds));

        var from = start.AddSeconds(12.2);
        var to = start.AddSeconds(30);
        var expected = answers.Where(a => a.InterventionId == "samtal" && a.DecidedAt >= from && a.DecidedAt < to).Select(a => a.DecisionId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, (await store.PeriodAsync(mine, "samtal", from, to, 1000, CancellationToken.None)).Select(p => p.DecisionId));
        Assert.Equal(expected[..5], (await store.PeriodAsync(mine, "samtal", from, to, 5, CancellationToken.None)).Select(p => p.DecisionId));
        Assert.Empty(await store.PeriodAsync("9" + mine[1..], "samtal", from, to, 1000, CancellationToken.None));
    }

    [SkippableFact]
    public async Task ABusySecond_IsCutIntoChunksUnder64KB_AndEveryAnswerIsFound()
    {
        SkipUnlessConfigured();
        var store = NewStore();
        var mine = "3" + Random.Shared.Next(100, 999);
        var start = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
        var answers = Enumerable.Range(0, 3000).Select(i => Entry(mine, i, start.AddTicks(i * 3000))).ToList(); // 3 000 answers in 0.9 ms
        await store.AppendAsync(answers, CancellationToken.None);

        var chunks = await ChunksOfAsync(mine);
        Assert.True(chunks.Count > 1, "one chunk for 3 000 answers");
        Assert.Equal(answers.Count, chunks.Sum(c => c.Answers));
        Assert.All(chunks, c => Assert.True(c.Bytes < 85_000, $"a chunk of {c.Bytes} bytes"));

        foreach (var answer in answers.Where((_, i) => i % 97 == 0).Append(answers[^1]))
        {
            Assert.Equal(answer.DecisionId, (await store.GetAsync(mine, answer.DecisionId, CancellationToken.None))?.DecisionId);
        }
    }
}

public sealed class SqliteDecisionLogStoreTests : DecisionLogStoreContract, IDisposable
{
    private readonly string file = Hosts.TempPath("decision-log", ".db");

    protected override DatabaseOptions Options => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}

public sealed class SqlServerDecisionLogStoreTests : DecisionLogStoreContract
{
    protected override DatabaseOptions Options => SqlServer.Options;

    protected override void SkipUnlessConfigured() => SqlServer.SkipUnlessConfigured();
}

/// <summary>PostgreSQL, production: runs when SOCIALTJANST_TEST_POSTGRES holds a connection string (`.ci/run` sets it).</summary>
[Trait("Database", "PostgreSql")]
public sealed class PostgreSqlDecisionLogStoreTests : DecisionLogStoreContract
{
    protected override DatabaseOptions Options => PostgreSql.Options;

    protected override void SkipUnlessConfigured() => PostgreSql.SkipUnlessConfigured();
}

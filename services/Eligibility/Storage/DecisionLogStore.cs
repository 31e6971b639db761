using Dapper;
using Socialtjanst.Data;
using Socialtjanst.Eligibility.Domain;

namespace Socialtjanst.Eligibility.Storage;

/// <summary>
/// All of Eligibility's SQL: the decision log. Answers are kept in chunks, one row per kommun per writer's batch (or
/// more, <see cref="PendingChunks"/>; the format is <see cref="DecisionChunks"/>): a check's answer costs the database
/// no row of its own, so the log keeps up with the checks on the same cores. A chunk's answers were decided within <see cref="ChunkSpan"/> of each other and its key
/// is its smallest decision id (ids begin with their moment), so an answer is found among the few chunks that began
/// in the span before it, a period is a key range, and the purge deletes whole chunks. Every read filters on the
/// kommun; every value is a parameter.
/// </summary>
public sealed class DecisionLogStore(DbConnectionFactory db)
{
    /// <summary>The longest time between the first and the last answer of one chunk.</summary>
    public static readonly TimeSpan ChunkSpan = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Writes the chunks in one transaction. A chunk already there (a batch retried after a commit whose acknowledgement
    /// was lost: the same chunks again) is left as it is, so a retry never fails on its own first attempt. Called by one
    /// writer at a time.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<ChunkRow> chunks, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // The log's commits need not each wait for the disk (a killed process loses its queue anyway; WAL keeps the
            // file whole, and an operating system's crash loses at most the commits since the last checkpoint). This
            // connection only: the next open sets FULL again for whoever gets it from the pool.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous=NORMAL", cancellationToken: ct));
        }

        await using var tx = DbConnectionFactory.BeginWrite(connection);
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            // The same bargain on PostgreSQL: this transaction's commit does not wait for the log's flush (a crash of the
            // server loses at most its last moments, never consistency); every other transaction still waits.
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL synchronous_commit = off", transaction: tx, cancellationToken: ct));
        }

        var sql = db.Provider switch
        {
            DatabaseProvider.Sqlite => "INSERT OR IGNORE INTO decision_chunk (municipality_code, first_id, last_id, answers, chunk) VALUES (@code, @firstId, @lastId, @answers, @chunk)",
            DatabaseProvider.PostgreSql => "INSERT INTO decision_chunk (municipality_code, first_id, last_id, answers, chunk) VALUES (@code, @firstId, @lastId, @answers, @chunk) " +
                "ON CONFLICT (municipality_code, first_id) DO NOTHING",
            _ => "INSERT INTO decision_chunk (municipality_code, first_id, last_id, answers, chunk) SELECT @code, @firstId, @lastId, @answers, @chunk " +
                "WHERE NOT EXISTS (SELECT 1 FROM decision_chunk WHERE municipality_code = @code AND first_id = @firstId)",
        };
        await connection.ExecuteAsync(new CommandDefinition(sql, chunks.Select(c => SqlParameters.Of(new
        {
            code = c.MunicipalityCode,
            firstId = c.FirstId,
            lastId = c.LastId,
            answers = c.Answers,
            chunk = c.Chunk,
        })), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Writes the answers in decision-id order, in chunks per kommun as the service's queue makes them (tests, and anything
    /// that holds answers rather than queued ones). The same answers make the same chunks.
    /// </summary>
    public Task AppendAsync(IReadOnlyList<DecisionLogEntry> decisions, CancellationToken ct)
    {
        var pending = new PendingChunks();
        foreach (var d in decisions.OrderBy(d => d.DecisionId, StringComparer.Ordinal))
        {
            pending.Add(d);
        }

        return AppendAsync(pending.Take(stop: true), ct);
    }

    /// <summary>The answer of that id in that kommun; null when there is none (another kommun's id included).</summary>
    public async Task<DecisionLogEntry?> GetAsync(string code, string decisionId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var earliest = DecisionIds.At(DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, DecisionIds.MillisecondsOf(decisionId) - (long)ChunkSpan.TotalMilliseconds)));
        var chunks = await connection.QueryAsync<byte[]>(new CommandDefinition(
            "SELECT chunk FROM decision_chunk WHERE municipality_code = @code AND first_id >= @lower AND first_id <= @id AND last_id >= @id",
            SqlParameters.Of(new { code, lower = earliest, id = decisionId }), cancellationToken: ct));
        return chunks.SelectMany(c => DecisionChunks.Decode(code, c, (id, _) => string.Equals(id, decisionId, StringComparison.Ordinal), withConditions: true)).FirstOrDefault();
    }

    /// <summary>
    /// The kommun's answers about one insats decided in [from, to), in decision-id order, at most <paramref name="limit"/>
    /// (what-if reads one more than it uses, to say the period was cut): the questions, without their conditions.
    /// </summary>
    public async Task<List<DecisionLogEntry>> PeriodAsync(string code, string interventionId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        var (first, last) = (DecisionIds.At(from), DecisionIds.At(to));
        var lower = DecisionIds.At(from - ChunkSpan);
        await using var connection = await db.OpenAsync(ct);
        var found = new List<DecisionLogEntry>();
        // Unbuffered: one chunk in memory at a time besides the answers kept.
        var chunks = connection.QueryUnbufferedAsync<byte[]>(
            "SELECT chunk FROM decision_chunk WHERE municipality_code = @code AND first_id >= @lower AND first_id < @to",
            SqlParameters.Of(new { code, lower, to = last }));
        await foreach (var chunk in chunks.WithCancellation(ct))
        {
            found.AddRange(DecisionChunks.Decode(code, chunk, (id, intervention) =>
                string.CompareOrdinal(id, first) >= 0 && string.CompareOrdinal(id, last) < 0 && string.Equals(intervention, interventionId, StringComparison.Ordinal), withConditions: false));
        }

        // Chunks of several replicas overlap in time: the answers are put in id order before the limit is applied.
        found.Sort((a, b) => string.CompareOrdinal(a.DecisionId, b.DecisionId));
        if (found.Count > limit)
        {
            found.RemoveRange(limit, found.Count - limit);
        }

        return found;
    }

    /// <summary>
    /// Deletes every kommun's chunks whose last answer was decided before the cutoff, kommun by kommun, in slices; returns
    /// how many answers went. A chunk goes whole, when its last answer expires (at most <see cref="ChunkSpan"/> later than its first).
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        List<string> codes;
        await using (var connection = await db.OpenAsync(ct))
        {
            codes = (await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT municipality_code FROM decision_chunk", cancellationToken: ct))).AsList();
        }

        var total = 0;
        foreach (var code in codes)
        {
            while (true)
            {
                await using var connection = await db.OpenAsync(ct);
                await using var tx = DbConnectionFactory.BeginWrite(connection);
                var expired = (await connection.QueryAsync<(string FirstId, int Answers)>(new CommandDefinition(
                    db.Provider != DatabaseProvider.SqlServer
                        ? "SELECT first_id, answers FROM decision_chunk WHERE municipality_code = @code AND first_id < @cutoff AND last_id < @cutoff ORDER BY first_id LIMIT 500"
                        : "SELECT TOP (500) first_id, answers FROM decision_chunk WHERE municipality_code = @code AND first_id < @cutoff AND last_id < @cutoff ORDER BY first_id",
                    SqlParameters.Of(new { code = code.Trim(), cutoff = DecisionIds.At(cutoff) }), tx, cancellationToken: ct))).AsList();
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM decision_chunk WHERE municipality_code = @code AND first_id = @firstId",
                    expired.Select(e => SqlParameters.Of(new { code = code.Trim(), firstId = e.FirstId })), tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                total += expired.Sum(e => e.Answers);
                if (expired.Count < 500)
                {
                    break;
                }
            }
        }

        return total;
    }
}

using System.Globalization;
using System.Text.Json;
using Dapper;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.Eligibility.Storage;

/// <summary>All of Eligibility's SQL: the decision log. Every read filters on the kommun; every value is a parameter.</summary>
public sealed class DecisionLogStore(DbConnectionFactory db)
{
    /// <summary>Fixed-width UTC, so that text order is time order on both engines.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private const string Columns =
        "municipality_code AS MunicipalityCode, decision_id AS DecisionId, decided_at AS DecidedAt, as_of AS AsOf, intervention_id AS InterventionId, " +
        "catalog_revision AS CatalogRevision, outcome AS OutcomeNumber, condition_results AS ConditionResults, facts AS Facts";

    // The condition sets this process has written (or found written), by their content: only the writer uses it.
    private readonly Dictionary<ConditionSetKey, string> knownSets = [];

    /// <summary>
    /// Writes the answers in one transaction, with the condition sets not written before. An answer already there (a
    /// batch retried after a commit whose acknowledgement was lost) is left as it is, so a retry never fails on its
    /// own first attempt. Called by one writer at a time.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<DecisionLogEntry> decisions, CancellationToken ct)
    {
        var fresh = new Dictionary<ConditionSetKey, ConditionSet>();
        var sets = new string[decisions.Count];
        for (var i = 0; i < decisions.Count; i++)
        {
            var key = new ConditionSetKey(decisions[i].MunicipalityCode, decisions[i].Conditions);
            if (!knownSets.TryGetValue(key, out var setId))
            {
                if (!fresh.TryGetValue(key, out var set))
                {
                    set = NewSet(decisions[i]);
                    fresh[key] = set;
                }

                setId = set.Id;
            }

            sets[i] = setId;
        }

        await using var connection = await db.OpenAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // The log's batches need not reach the disk at each commit (a killed process loses the queue anyway, and
            // WAL keeps the file consistent): the connection syncs at checkpoints, not at every commit.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous=NORMAL", cancellationToken: ct));
        }

        await using var tx = DbConnectionFactory.BeginWrite(connection);
        if (fresh.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO decision_condition_set (municipality_code, set_id, conditions) SELECT @code, @setId, @conditions " +
                "WHERE NOT EXISTS (SELECT 1 FROM decision_condition_set WHERE municipality_code = @code AND set_id = @setId)",
                fresh.Values.Select(set => SqlParameters.Of(new { code = set.Code, setId = set.Id, conditions = set.Json })), tx, cancellationToken: ct));
        }

        // One prepared statement, its parameters set anew per answer: no statement or parameter object built per row.
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = db.Provider == DatabaseProvider.Sqlite
            ? "INSERT OR IGNORE INTO decision_log (municipality_code, decision_id, decided_at, as_of, intervention_id, catalog_revision, outcome, condition_set, condition_results, facts) " +
              "VALUES (@code, @decisionId, @decidedAt, @asOf, @interventionId, @revision, @outcomeNumber, @conditionSet, @conditionResults, @facts)"
            : "INSERT INTO decision_log (municipality_code, decision_id, decided_at, as_of, intervention_id, catalog_revision, outcome, condition_set, condition_results, facts) " +
              "SELECT @code, @decisionId, @decidedAt, @asOf, @interventionId, @revision, @outcomeNumber, @conditionSet, @conditionResults, @facts " +
              "WHERE NOT EXISTS (SELECT 1 FROM decision_log WHERE municipality_code = @code AND decision_id = @decisionId)";
        var (code, decisionId, decidedAt, asOf, interventionId) = (SqlParameters.Add(insert, "@code"), SqlParameters.Add(insert, "@decisionId"),
            SqlParameters.Add(insert, "@decidedAt"), SqlParameters.Add(insert, "@asOf"), SqlParameters.Add(insert, "@interventionId"));
        var (revision, outcome, conditionSet, conditionResults, facts) = (SqlParameters.Add(insert, "@revision"), SqlParameters.Add(insert, "@outcomeNumber"),
            SqlParameters.Add(insert, "@conditionSet"), SqlParameters.Add(insert, "@conditionResults"), SqlParameters.Add(insert, "@facts"));
        for (var i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            code.Value = d.MunicipalityCode;
            decisionId.Value = d.DecisionId;
            decidedAt.Value = Format(d.DecidedAt);
            asOf.Value = d.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            interventionId.Value = d.InterventionId;
            revision.Value = d.CatalogRevision;
            outcome.Value = (int)d.Outcome;
            conditionSet.Value = sets[i];
            conditionResults.Value = ConditionResults.Encode(d.Conditions);
            facts.Value = JsonSerializer.Serialize(d.Facts, DecisionLogJson.Default.FactProfile);
            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous=FULL", cancellationToken: ct)); // the pool's other users (the access log) sync every commit
        }

        if (knownSets.Count > 10_000)
        {
            knownSets.Clear(); // bounded: a set forgotten is only written again as "not exists"
        }

        foreach (var (key, set) in fresh)
        {
            knownSets[key] = set.Id;
        }
    }

    private static ConditionSet NewSet(DecisionLogEntry d)
    {
        var json = JsonSerializer.Serialize(d.Conditions.Select(c => c with { Status = ConditionStatus.Unspecified, AffectsOutcome = false }).ToArray(), DecisionLogJson.Default.ConditionRecordArray);
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)).AsSpan(0, 16));
        return new ConditionSet(d.MunicipalityCode, id, json);
    }

    /// <summary>The answer of that id in that kommun; null when there is none (another kommun's id included).</summary>
    public async Task<DecisionLogEntry?> GetAsync(string code, string decisionId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT l.municipality_code AS MunicipalityCode, l.decision_id AS DecisionId, l.decided_at AS DecidedAt, l.as_of AS AsOf, l.intervention_id AS InterventionId, " +
            "l.catalog_revision AS CatalogRevision, l.outcome AS OutcomeNumber, l.condition_results AS ConditionResults, l.facts AS Facts, s.conditions AS ConditionSet " +
            "FROM decision_log l JOIN decision_condition_set s ON s.municipality_code = l.municipality_code AND s.set_id = l.condition_set " +
            "WHERE l.municipality_code = @code AND l.decision_id = @decisionId",
            SqlParameters.Of(new { code, decisionId }), cancellationToken: ct));
        return row?.ToDecision();
    }

    /// <summary>
    /// The kommun's answers about one insats decided in [from, to), oldest first, at most <paramref name="limit"/>
    /// (what-if reads one more than it uses, to say the period was cut): the questions, without their conditions.
    /// </summary>
    public async Task<List<DecisionLogEntry>> PeriodAsync(string code, string interventionId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var sql = db.Provider == DatabaseProvider.Sqlite
            ? $"SELECT {Columns} FROM decision_log WHERE municipality_code = @code AND decision_id >= @from AND decision_id < @to AND intervention_id = @interventionId ORDER BY decision_id LIMIT @limit"
            : $"SELECT TOP (@limit) {Columns} FROM decision_log WHERE municipality_code = @code AND decision_id >= @from AND decision_id < @to AND intervention_id = @interventionId ORDER BY decision_id";
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, SqlParameters.Of(new { code, interventionId, from = DecisionIds.At(from), to = DecisionIds.At(to), limit }), cancellationToken: ct));
        return rows.Select(r => r.ToDecision()).ToList();
    }

    /// <summary>Deletes every kommun's answers decided before the cutoff, kommun by kommun, in slices; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        List<string> codes;
        await using (var connection = await db.OpenAsync(ct))
        {
            codes = (await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT municipality_code FROM decision_condition_set", cancellationToken: ct))).AsList();
        }

        var sql = db.Provider == DatabaseProvider.Sqlite
            ? "DELETE FROM decision_log WHERE municipality_code = @code AND decision_id IN " +
              "(SELECT decision_id FROM decision_log WHERE municipality_code = @code AND decision_id < @cutoff LIMIT 5000)"
            : "DELETE TOP (5000) FROM decision_log WHERE municipality_code = @code AND decision_id < @cutoff";
        var total = 0;
        foreach (var code in codes)
        {
            while (true)
            {
                await using var connection = await db.OpenAsync(ct);
                var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, SqlParameters.Of(new { code = code.Trim(), cutoff = DecisionIds.At(cutoff) }), cancellationToken: ct));
                total += deleted;
                if (deleted < 5000)
                {
                    break;
                }
            }
        }

        return total;
    }

    private sealed class Row
    {
        public string MunicipalityCode { get; init; } = "";

        public string DecisionId { get; init; } = "";

        public string DecidedAt { get; init; } = "";

        public string AsOf { get; init; } = "";

        public string InterventionId { get; init; } = "";

        public long CatalogRevision { get; init; }

        public long OutcomeNumber { get; init; }

        public string ConditionResults { get; init; } = "";

        public string? ConditionSet { get; init; }

        public string Facts { get; init; } = "{}";

        public DecisionLogEntry ToDecision() => new(
            MunicipalityCode.Trim(),
            DecisionId,
            DateTimeOffset.Parse(DecidedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            DateOnly.ParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            InterventionId,
            CatalogRevision,
            (Outcome)OutcomeNumber,
            ConditionSet is null ? [] : Storage.ConditionResults.Decode(ConditionResults.Trim(), JsonSerializer.Deserialize(ConditionSet, DecisionLogJson.Default.ConditionRecordArray) ?? []),
            JsonSerializer.Deserialize(Facts, DecisionLogJson.Default.FactProfile) ?? throw new InvalidOperationException("A logged answer without its facts."));
    }
}

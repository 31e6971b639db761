using Dapper;
using Socialtjanst.Data;

namespace Socialtjanst.FollowUp.Storage;

/// <summary>
/// All of FollowUp's SQL. Every statement filters on the kommun; every value is a parameter.
/// </summary>
public sealed class FollowUpStore(DbConnectionFactory db)
{
    private const string DecisionColumns =
        "decision_id AS DecisionId, case_reference AS CaseReference, intervention AS Intervention, decision_date AS DecisionDate, body AS Body, " +
        "next_due AS NextDue, next_due_reason AS NextDueReason, execution_deadline AS ExecutionDeadline, executed_on AS ExecutedOn, " +
        "interruption_deadline AS InterruptionDeadline, closed_on AS ClosedOn, version AS Version, rules_revision AS RulesRevision";

    /// <summary>The due-list query; <see cref="DueQueryText"/> is what the plan test explains.</summary>
    public string DueQueryText => db.Provider != DatabaseProvider.SqlServer
        ? "SELECT decision_id AS DecisionId, case_reference AS CaseReference, intervention AS Intervention, next_due AS NextDue, next_due_reason AS NextDueReason " +
          "FROM decision WHERE municipality_code = @code AND next_due >= @from AND next_due <= @to " +
          "AND (next_due > @afterDue OR (next_due = @afterDue AND decision_id > @afterId)) ORDER BY next_due, decision_id LIMIT @limit"
        : "SELECT TOP (@limit) decision_id AS DecisionId, case_reference AS CaseReference, intervention AS Intervention, next_due AS NextDue, next_due_reason AS NextDueReason " +
          "FROM decision WHERE municipality_code = @code AND next_due >= @from AND next_due <= @to " +
          "AND (next_due > @afterDue OR (next_due = @afterDue AND decision_id > @afterId)) ORDER BY next_due, decision_id";

    public async Task<DecisionRow?> FindAsync(string code, string decisionId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<DecisionRow>(new CommandDefinition(
            $"SELECT {DecisionColumns} FROM decision WHERE municipality_code = @code AND decision_id = @decisionId",
            SqlParameters.Of(new { code, decisionId }), cancellationToken: ct));
    }

    /// <summary>Due follow-ups in [from, to], after a (due, id) key, oldest first.</summary>
    public async Task<List<DueRow>> DueAsync(string code, string from, string to, string afterDue, string afterId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<DueRow>(new CommandDefinition(DueQueryText,
            SqlParameters.Of(new { code, from, to, afterDue, afterId, limit }), cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Decisions whose execution or an interruption may have passed its limit before a day, after a
    /// decision id, in id order: the delay lists walk them in pages of <paramref name="limit"/>, so memory
    /// stays bounded whatever the kommun's size.
    /// </summary>
    public async Task<List<DecisionRow>> DelayCandidatesAsync(string code, string before, string afterId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        const string where = "WHERE municipality_code = @code AND decision_id > @afterId AND " +
            "((execution_deadline < @before AND (executed_on IS NULL OR executed_on > execution_deadline)) OR interruption_deadline < @before)";
        var sql = db.Provider != DatabaseProvider.SqlServer
            ? $"SELECT {DecisionColumns} FROM decision {where} ORDER BY decision_id LIMIT @limit"
            : $"SELECT TOP (@limit) {DecisionColumns} FROM decision {where} ORDER BY decision_id";
        return (await connection.QueryAsync<DecisionRow>(new CommandDefinition(sql, SqlParameters.Of(new { code, before, afterId, limit }), cancellationToken: ct))).AsList();
    }

    /// <summary>A kommun's decisions' case references after an id, in id order (the stored-reference review walks them in pages).</summary>
    public async Task<List<(string DecisionId, string CaseReference)>> CaseReferencesAsync(string code, string afterId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var sql = db.Provider != DatabaseProvider.SqlServer
            ? "SELECT decision_id AS DecisionId, case_reference AS CaseReference FROM decision WHERE municipality_code = @code AND decision_id > @afterId ORDER BY decision_id LIMIT @limit"
            : "SELECT TOP (@limit) decision_id AS DecisionId, case_reference AS CaseReference FROM decision WHERE municipality_code = @code AND decision_id > @afterId ORDER BY decision_id";
        return (await connection.QueryAsync<(string, string)>(new CommandDefinition(sql, SqlParameters.Of(new { code, afterId, limit }), cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Decisions whose schedule was made with rules older than <paramref name="rulesRevision"/>, after an id, in
    /// id order: the rescheduler walks them in pages (index ix_decision_rules_revision). Closed ones too, once
    /// (their columns are derived the same way), so the index range is empty between rule changes.
    /// </summary>
    public async Task<List<DecisionRow>> BehindRulesAsync(string code, long rulesRevision, string afterId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        const string where = "WHERE municipality_code = @code AND rules_revision < @rulesRevision AND decision_id > @afterId";
        var sql = db.Provider != DatabaseProvider.SqlServer
            ? $"SELECT {DecisionColumns} FROM decision {where} ORDER BY decision_id LIMIT @limit"
            : $"SELECT TOP (@limit) {DecisionColumns} FROM decision {where} ORDER BY decision_id";
        return (await connection.QueryAsync<DecisionRow>(new CommandDefinition(sql, SqlParameters.Of(new { code, rulesRevision, afterId, limit }), cancellationToken: ct))).AsList();
    }

    /// <summary>The plan the database chooses for the due query (SQLite: EXPLAIN QUERY PLAN).</summary>
    public async Task<string> ExplainDueQueryAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync(new CommandDefinition("EXPLAIN QUERY PLAN " + DueQueryText,
            SqlParameters.Of(new { code = "0000", from = "", to = "", afterDue = "", afterId = "", limit = 1 }), cancellationToken: ct));
        return string.Join('\n', rows.Select(r => (string)((IDictionary<string, object>)r)["detail"]));
    }

    /// <summary>
    /// Runs one write in one transaction: all of it is committed, or none. Two replicas given the same request
    /// id at once (SQL Server lets both read that it is new) meet at the request log's key: the one that lost
    /// runs its work once more, and the request log then answers the other's replay instead of INTERNAL.
    /// </summary>
    public async Task<T> WriteAsync<T>(string code, IWriteJournal? journal, Func<DecisionWrite, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await WriteOnceAsync(code, journal, work, ct);
        }
        catch (Exception ex) when (DbConnectionFactory.IsUniqueViolation(ex))
        {
            return await WriteOnceAsync(code, journal, work, ct);
        }
    }

    private async Task<T> WriteOnceAsync<T>(string code, IWriteJournal? journal, Func<DecisionWrite, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = DbConnectionFactory.BeginWrite(connection);
        var write = new DecisionWrite(connection, tx, code, ct);
        var result = await work(write);
        if (journal is not null && write.Touched.Count > 0)
        {
            await journal.RecordAsync(connection, tx, write.Touched.Select(r => (r, "")).ToList(), ct); // who wrote it, in the same commit
        }
        await tx.CommitAsync(ct);
        return result;
    }
}

using System.Data.Common;
using System.Globalization;
using Dapper;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.FollowUp.Storage;

/// <summary>A stored decision: its body (the decision as protobuf JSON) and the columns derived from it.</summary>
public sealed class DecisionRow
{
    public string DecisionId { get; set; } = "";

    public string CaseReference { get; set; } = "";

    public string Intervention { get; set; } = "";

    public string DecisionDate { get; set; } = "";

    public string Body { get; set; } = "";

    public string? NextDue { get; set; }

    public long NextDueReason { get; set; }

    public string? ExecutionDeadline { get; set; }

    public string? ExecutedOn { get; set; }

    public string? InterruptionDeadline { get; set; }

    public string? ClosedOn { get; set; }

    public long Version { get; set; }
}

/// <summary>One row of the due list: read from the covering index alone.</summary>
public sealed class DueRow
{
    public string DecisionId { get; set; } = "";

    public string CaseReference { get; set; } = "";

    public string Intervention { get; set; } = "";

    public string NextDue { get; set; } = "";

    public long NextDueReason { get; set; }
}

/// <summary>
/// All of FollowUp's SQL. Every statement filters on the kommun; every value is a parameter.
/// </summary>
public sealed class FollowUpStore(DbConnectionFactory db)
{
    private const string DecisionColumns =
        "decision_id AS DecisionId, case_reference AS CaseReference, intervention AS Intervention, decision_date AS DecisionDate, body AS Body, " +
        "next_due AS NextDue, next_due_reason AS NextDueReason, execution_deadline AS ExecutionDeadline, executed_on AS ExecutedOn, " +
        "interruption_deadline AS InterruptionDeadline, closed_on AS ClosedOn, version AS Version";

    /// <summary>The due-list query; <see cref="DueQueryText"/> is what the plan test explains.</summary>
    public string DueQueryText => db.Provider == DatabaseProvider.Sqlite
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
            new { code, decisionId }, cancellationToken: ct));
    }

    /// <summary>Due follow-ups in [from, to], after a (due, id) key, oldest first.</summary>
    public async Task<List<DueRow>> DueAsync(string code, string from, string to, string afterDue, string afterId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<DueRow>(new CommandDefinition(DueQueryText,
            new { code, from, to, afterDue, afterId, limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>Decisions whose execution or an interruption may have passed its limit before a day.</summary>
    public async Task<List<DecisionRow>> DelayCandidatesAsync(string code, string before, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<DecisionRow>(new CommandDefinition(
            $"SELECT {DecisionColumns} FROM decision WHERE municipality_code = @code AND " +
            "((execution_deadline < @before AND (executed_on IS NULL OR executed_on > execution_deadline)) OR interruption_deadline < @before)",
            new { code, before }, cancellationToken: ct))).AsList();
    }

    /// <summary>Open decisions after an id, in id order: the reschedule walks them in pages.</summary>
    public async Task<List<DecisionRow>> OpenDecisionsAsync(string code, string afterId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var sql = db.Provider == DatabaseProvider.Sqlite
            ? $"SELECT {DecisionColumns} FROM decision WHERE municipality_code = @code AND closed_on IS NULL AND decision_id > @afterId ORDER BY decision_id LIMIT @limit"
            : $"SELECT TOP (@limit) {DecisionColumns} FROM decision WHERE municipality_code = @code AND closed_on IS NULL AND decision_id > @afterId ORDER BY decision_id";
        return (await connection.QueryAsync<DecisionRow>(new CommandDefinition(sql, new { code, afterId, limit }, cancellationToken: ct))).AsList();
    }

    public async Task<string?> RulesAppliedAsync(string code, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT fingerprint FROM rules_applied WHERE municipality_code = @code", new { code }, cancellationToken: ct));
    }

    /// <summary>The plan the database chooses for the due query (SQLite: EXPLAIN QUERY PLAN).</summary>
    public async Task<string> ExplainDueQueryAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync(new CommandDefinition("EXPLAIN QUERY PLAN " + DueQueryText,
            new { code = "0000", from = "", to = "", afterDue = "", afterId = "", limit = 1 }, cancellationToken: ct));
        return string.Join('\n', rows.Select(r => (string)((IDictionary<string, object>)r)["detail"]));
    }

    /// <summary>Runs one write in one transaction: all of it is committed, or none.</summary>
    public async Task<T> WriteAsync<T>(string code, Func<DecisionWrite, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = DbConnectionFactory.BeginWrite(connection);
        var result = await work(new DecisionWrite(connection, tx, code, ct));
        await tx.CommitAsync(ct);
        return result;
    }
}

/// <summary>The statements of one write transaction, all within one kommun.</summary>
public sealed class DecisionWrite(DbConnection connection, DbTransaction tx, string code, CancellationToken ct)
{
    public Task<RequestRecord?> FindRequestAsync(string requestId) => RequestLog.FindAsync(connection, tx, code, requestId, ct);

    public Task LogRequestAsync(string requestId, string method, string requestHash, byte[] response, DateTimeOffset now) =>
        RequestLog.LogAsync(connection, tx, code, requestId, method, requestHash, response, now, ct);

    public Task<DecisionRow?> FindAsync(string decisionId) =>
        connection.QuerySingleOrDefaultAsync<DecisionRow?>(new CommandDefinition(
            "SELECT decision_id AS DecisionId, case_reference AS CaseReference, intervention AS Intervention, decision_date AS DecisionDate, body AS Body, " +
            "next_due AS NextDue, next_due_reason AS NextDueReason, execution_deadline AS ExecutionDeadline, executed_on AS ExecutedOn, " +
            "interruption_deadline AS InterruptionDeadline, closed_on AS ClosedOn, version AS Version FROM decision WHERE municipality_code = @code AND decision_id = @decisionId",
            new { code, decisionId }, tx, cancellationToken: ct));

    /// <summary>Registers a decision; the row itself, at version 1, is the record of its registration.</summary>
    public Task InsertAsync(DecisionRow row, DateTimeOffset now)
    {
        var parameters = Parameters(row);
        parameters.Add("registeredAt", now.ToString("O", CultureInfo.InvariantCulture));
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO decision (municipality_code, decision_id, case_reference, intervention, decision_date, body, next_due, next_due_reason, execution_deadline, executed_on, interruption_deadline, closed_on, version, registered_at) " +
            "VALUES (@code, @DecisionId, @CaseReference, @Intervention, @DecisionDate, @Body, @NextDue, @NextDueReason, @ExecutionDeadline, @ExecutedOn, @InterruptionDeadline, @ClosedOn, @Version, @registeredAt)",
            parameters, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Registers many decisions in this transaction with one prepared command whose parameters are
    /// set anew for each row: the bulk path, without building a statement per row.
    /// </summary>
    public async Task InsertManyAsync(IReadOnlyList<DecisionRow> rows, DateTimeOffset now)
    {
        await using var decisions = connection.CreateCommand();
        decisions.Transaction = tx;
        decisions.CommandText =
            "INSERT INTO decision (municipality_code, decision_id, case_reference, intervention, decision_date, body, next_due, next_due_reason, execution_deadline, executed_on, interruption_deadline, closed_on, version, registered_at) " +
            "VALUES (@code, @id, @caseReference, @intervention, @decisionDate, @body, @nextDue, @nextDueReason, @executionDeadline, @executedOn, @interruptionDeadline, @closedOn, @version, @registeredAt)";
        DbParameter Add(DbCommand command, string name, object? value = null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
            return parameter;
        }

        Add(decisions, "@code", code);
        Add(decisions, "@registeredAt", now.ToString("O", CultureInfo.InvariantCulture));
        var (id, caseReference, intervention, decisionDate, body, nextDue, nextDueReason, executionDeadline, executedOn, interruptionDeadline, closedOn, version) =
            (Add(decisions, "@id"), Add(decisions, "@caseReference"), Add(decisions, "@intervention"), Add(decisions, "@decisionDate"), Add(decisions, "@body"),
             Add(decisions, "@nextDue"), Add(decisions, "@nextDueReason"), Add(decisions, "@executionDeadline"), Add(decisions, "@executedOn"),
             Add(decisions, "@interruptionDeadline"), Add(decisions, "@closedOn"), Add(decisions, "@version"));
        foreach (var r in rows)
        {
            id.Value = r.DecisionId;
            caseReference.Value = r.CaseReference;
            intervention.Value = r.Intervention;
            decisionDate.Value = r.DecisionDate;
            body.Value = r.Body;
            nextDue.Value = (object?)r.NextDue ?? DBNull.Value;
            nextDueReason.Value = r.NextDueReason;
            executionDeadline.Value = (object?)r.ExecutionDeadline ?? DBNull.Value;
            executedOn.Value = (object?)r.ExecutedOn ?? DBNull.Value;
            interruptionDeadline.Value = (object?)r.InterruptionDeadline ?? DBNull.Value;
            closedOn.Value = (object?)r.ClosedOn ?? DBNull.Value;
            version.Value = r.Version;
            await decisions.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Updates a decision if it is still at <paramref name="expectedVersion"/>; false when another writer got there first.</summary>
    public async Task<bool> UpdateAsync(DecisionRow row, long expectedVersion, string kind, DateTimeOffset now)
    {
        var parameters = Parameters(row);
        parameters.Add("expectedVersion", expectedVersion);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE decision SET body = @Body, next_due = @NextDue, next_due_reason = @NextDueReason, execution_deadline = @ExecutionDeadline, " +
            "executed_on = @ExecutedOn, interruption_deadline = @InterruptionDeadline, closed_on = @ClosedOn, version = @Version " +
            "WHERE municipality_code = @code AND decision_id = @DecisionId AND version = @expectedVersion",
            parameters, tx, cancellationToken: ct));
        if (changed == 1)
        {
            await EventAsync(row, kind, now);
        }

        return changed == 1;
    }

    /// <summary>Rewrites the columns derived from the rules, if the decision is still at its version.</summary>
    public Task<int> UpdateScheduleAsync(DecisionRow row) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE decision SET next_due = @NextDue, next_due_reason = @NextDueReason, execution_deadline = @ExecutionDeadline, interruption_deadline = @InterruptionDeadline " +
            "WHERE municipality_code = @code AND decision_id = @DecisionId AND version = @Version",
            Parameters(row), tx, cancellationToken: ct));

    public async Task SetRulesAppliedAsync(string fingerprint)
    {
        if (await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE rules_applied SET fingerprint = @fingerprint WHERE municipality_code = @code", new { code, fingerprint }, tx, cancellationToken: ct)) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO rules_applied (municipality_code, fingerprint) VALUES (@code, @fingerprint)", new { code, fingerprint }, tx, cancellationToken: ct));
        }
    }

    private Task EventAsync(DecisionRow row, string kind, DateTimeOffset now) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO decision_event (municipality_code, decision_id, version, kind, recorded_at) VALUES (@code, @decisionId, @version, @kind, @recordedAt)",
            new { code, decisionId = row.DecisionId, version = row.Version, kind, recordedAt = now.ToString("O", CultureInfo.InvariantCulture) }, tx, cancellationToken: ct));

    private DynamicParameters Parameters(DecisionRow row)
    {
        var p = new DynamicParameters(row);
        p.Add("code", code);
        return p;
    }
}

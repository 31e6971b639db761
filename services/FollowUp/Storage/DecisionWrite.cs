using System.Data.Common;
using System.Globalization;
using Dapper;
using Socialtjanst.Data;

namespace Socialtjanst.FollowUp.Storage;

/// <summary>The statements of one write transaction, all within one kommun.</summary>
public sealed class DecisionWrite(DbConnection connection, DbTransaction tx, string code, CancellationToken ct)
{
    private readonly HashSet<string> touched = new(StringComparer.Ordinal);

    /// <summary>The decisions this transaction wrote, by resource name (for the access log, in the same transaction).</summary>
    public IReadOnlyCollection<string> Touched => touched;

    private void Touch(string decisionId) => touched.Add($"municipalities/{code}/decisions/{decisionId}");

    public Task<RequestRecord?> FindRequestAsync(string requestId) => RequestLog.FindAsync(connection, tx, code, requestId, ct);

    public Task LogRequestAsync(string requestId, string method, string requestHash, byte[] response, DateTimeOffset now) =>
        RequestLog.LogAsync(connection, tx, code, requestId, method, requestHash, response, now, ct);

    public Task<DecisionRow?> FindAsync(string decisionId) =>
        connection.QuerySingleOrDefaultAsync<DecisionRow?>(new CommandDefinition(
            "SELECT decision_id AS DecisionId, case_reference AS CaseReference, intervention AS Intervention, decision_date AS DecisionDate, body AS Body, " +
            "next_due AS NextDue, next_due_reason AS NextDueReason, execution_deadline AS ExecutionDeadline, executed_on AS ExecutedOn, " +
            "interruption_deadline AS InterruptionDeadline, closed_on AS ClosedOn, version AS Version, rules_revision AS RulesRevision FROM decision WHERE municipality_code = @code AND decision_id = @decisionId",
            SqlParameters.Of(new { code, decisionId }), tx, cancellationToken: ct));

    /// <summary>Registers a decision; the row itself, at version 1, is the record of its registration.</summary>
    public Task InsertAsync(DecisionRow row, DateTimeOffset now)
    {
        Touch(row.DecisionId);
        var parameters = Parameters(row);
        parameters.With("registeredAt", now.ToString("O", CultureInfo.InvariantCulture));
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO decision (municipality_code, decision_id, case_reference, intervention, decision_date, body, next_due, next_due_reason, execution_deadline, executed_on, interruption_deadline, closed_on, version, rules_revision, registered_at) " +
            "VALUES (@code, @DecisionId, @CaseReference, @Intervention, @DecisionDate, @Body, @NextDue, @NextDueReason, @ExecutionDeadline, @ExecutedOn, @InterruptionDeadline, @ClosedOn, @Version, @RulesRevision, @registeredAt)",
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
            "INSERT INTO decision (municipality_code, decision_id, case_reference, intervention, decision_date, body, next_due, next_due_reason, execution_deadline, executed_on, interruption_deadline, closed_on, version, rules_revision, registered_at) " +
            "VALUES (@code, @id, @caseReference, @intervention, @decisionDate, @body, @nextDue, @nextDueReason, @executionDeadline, @executedOn, @interruptionDeadline, @closedOn, @version, @rulesRevision, @registeredAt)";
        DbParameter Add(DbCommand command, string name, object? value = null) => SqlParameters.Add(command, name, value);

        Add(decisions, "@code", code);
        Add(decisions, "@registeredAt", now.ToString("O", CultureInfo.InvariantCulture));
        var (id, caseReference, intervention, decisionDate, body, nextDue, nextDueReason, executionDeadline, executedOn, interruptionDeadline, closedOn, version) =
            (Add(decisions, "@id"), Add(decisions, "@caseReference"), Add(decisions, "@intervention"), Add(decisions, "@decisionDate"), Add(decisions, "@body"),
             Add(decisions, "@nextDue"), Add(decisions, "@nextDueReason"), Add(decisions, "@executionDeadline"), Add(decisions, "@executedOn"),
             Add(decisions, "@interruptionDeadline"), Add(decisions, "@closedOn"), Add(decisions, "@version"));
        var rulesRevision = Add(decisions, "@rulesRevision");
        foreach (var r in rows)
        {
            Touch(r.DecisionId);
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
            rulesRevision.Value = r.RulesRevision;
            await decisions.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Updates a decision if it is still at <paramref name="expectedVersion"/>; false when another writer got there first.</summary>
    public async Task<bool> UpdateAsync(DecisionRow row, long expectedVersion, string kind, DateTimeOffset now)
    {
        Touch(row.DecisionId);
        var parameters = Parameters(row);
        parameters.With("expectedVersion", expectedVersion);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE decision SET body = @Body, next_due = @NextDue, next_due_reason = @NextDueReason, execution_deadline = @ExecutionDeadline, " +
            "executed_on = @ExecutedOn, interruption_deadline = @InterruptionDeadline, closed_on = @ClosedOn, version = @Version, rules_revision = @RulesRevision " +
            "WHERE municipality_code = @code AND decision_id = @DecisionId AND version = @expectedVersion",
            parameters, tx, cancellationToken: ct));
        if (changed == 1)
        {
            await EventAsync(row, kind, now);
        }

        return changed == 1;
    }

    /// <summary>
    /// Rewrites the columns derived from the rules, if the decision is still at its version and its
    /// schedule was made with older rules than these (a replica with newer rules never loses to one behind it).
    /// </summary>
    public Task<int> UpdateScheduleAsync(DecisionRow row) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE decision SET next_due = @NextDue, next_due_reason = @NextDueReason, execution_deadline = @ExecutionDeadline, interruption_deadline = @InterruptionDeadline, rules_revision = @RulesRevision " +
            "WHERE municipality_code = @code AND decision_id = @DecisionId AND version = @Version AND rules_revision < @RulesRevision",
            Parameters(row), tx, cancellationToken: ct));

    private Task EventAsync(DecisionRow row, string kind, DateTimeOffset now) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO decision_event (municipality_code, decision_id, version, kind, recorded_at) VALUES (@code, @decisionId, @version, @kind, @recordedAt)",
            SqlParameters.Of(new { code, decisionId = row.DecisionId, version = row.Version, kind, recordedAt = now.ToString("O", CultureInfo.InvariantCulture) }), tx, cancellationToken: ct));

    private DynamicParameters Parameters(DecisionRow row)
    {
        return SqlParameters.Of(row).With("code", code);
    }
}

using Dapper;
using Socialtjanst.Data;

namespace Socialtjanst.Documentation.Storage;

/// <summary>All of Documentation's SQL. Every statement filters on the kommun; every value is a parameter.</summary>
public sealed class ParticipationStore(DbConnectionFactory db)
{
    /// <summary>
    /// Records a participation, and the access log's event for it (on <paramref name="resource"/>) in the same
    /// transaction; false when the request id was already used (nothing written).
    /// </summary>
    public async Task<bool> RecordAsync(string code, string requestId, string interventionId, string resource, ParticipationRow row, IWriteJournal? journal, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = DbConnectionFactory.BeginWrite(connection);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO participation (municipality_code, request_id, intervention_id, day, age_band, gender, wellbeing_start, wellbeing_end, early_end_reason) " +
                "VALUES (@code, @requestId, @interventionId, @Day, @AgeBand, @Gender, @WellbeingStart, @WellbeingEnd, @EarlyEndReason)",
                SqlParameters.Of(new { code, requestId, interventionId, row.Day, row.AgeBand, row.Gender, row.WellbeingStart, row.WellbeingEnd, row.EarlyEndReason }),
                tx, cancellationToken: ct));
            if (journal is not null)
            {
                await journal.RecordAsync(connection, tx, [(resource, "")], ct);
            }

            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception ex) when (DbConnectionFactory.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    public async Task<List<ParticipationRow>> PeriodAsync(string code, string interventionId, string from, string to, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ParticipationRow>(new CommandDefinition(
            "SELECT day AS Day, age_band AS AgeBand, gender AS Gender, wellbeing_start AS WellbeingStart, wellbeing_end AS WellbeingEnd, early_end_reason AS EarlyEndReason " +
            "FROM participation WHERE municipality_code = @code AND intervention_id = @interventionId AND day >= @from AND day <= @to",
            SqlParameters.Of(new { code, interventionId, from, to }), cancellationToken: ct))).AsList();
    }
}

using System.Globalization;
using Dapper;
using Socialtjanst.Data;

namespace Socialtjanst.Audit;

/// <summary>The SQL of the access log (table audit_event), in the service's own database.</summary>
public sealed class AuditStore(DbConnectionFactory db)
{
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = DbConnectionFactory.BeginWrite(connection);
        await InsertAsync(connection, tx, entries, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Inserts the events in a transaction the caller holds (a write's own, so both commit together).</summary>
    public static Task InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, IEnumerable<AuditEntry> entries, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_event (municipality_code, occurred_at, subject, unit, service, method, resource, outcome, reference) " +
            "VALUES (@MunicipalityCode, @OccurredAt, @Subject, @Unit, @Service, @Method, @Resource, @Outcome, @Reference)",
            entries.Select(e => SqlParameters.Of(new
            {
                e.MunicipalityCode,
                OccurredAt = SortableTime.Of(e.OccurredAt),
                e.Subject,
                e.Unit,
                e.Service,
                e.Method,
                e.Resource,
                e.Outcome,
                e.Reference,
            })),
            tx,
            cancellationToken: ct));

    /// <summary>
    /// The list query with only the filters asked for (so each variant gets its own plan on SQL Server, not one
    /// catch-all plan); public so the architecture tests parse every variant as T-SQL.
    /// </summary>
    public static string ListSql(DatabaseProvider provider, bool bySubject, bool byResource, bool beforeId)
    {
        var filters = "municipality_code = @code AND occurred_at >= @from AND occurred_at < @to" +
            (bySubject ? " AND subject = @subject" : "") +
            (byResource ? " AND resource = @resource" : "") +
            (beforeId ? " AND id < @beforeId" : "");
        return provider != DatabaseProvider.SqlServer
            ? $"SELECT {Columns} FROM audit_event WHERE {filters} ORDER BY id DESC LIMIT @limit"
            : $"SELECT TOP (@limit) {Columns} FROM audit_event WHERE {filters} ORDER BY id DESC";
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken ct)
    {
        var sql = ListSql(db.Provider, query.Subject is not null, query.Resource is not null, query.BeforeId is not null);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, SqlParameters.Of(new
        {
            code = query.MunicipalityCode,
            from = SortableTime.Of(query.From),
            to = SortableTime.Of(query.To),
            subject = query.Subject,
            resource = query.Resource,
            beforeId = query.BeforeId,
            limit = query.Limit,
        }), cancellationToken: ct));
        return rows.Select(r => new AuditEntry(r.Id, r.MunicipalityCode,
            DateTimeOffset.Parse(r.OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            r.Subject, r.Unit, r.Service, r.Method, r.Resource, r.Outcome, r.Reference)).ToList();
    }

    /// <summary>
    /// Rows a purge deletes in one statement: under SQL Server's lock-escalation threshold (5 000 locks on one table in
    /// one statement turn into a table lock, which would stop every audited call while the purge runs).
    /// </summary>
    public const int PurgeSlice = 4000;

    /// <summary>Deletes every kommun's events older than the cutoff, in slices of <see cref="PurgeSlice"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var sql = db.Provider != DatabaseProvider.SqlServer
            ? "DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event WHERE occurred_at < @cutoff LIMIT 4000)"
            : "DELETE TOP (4000) FROM audit_event WHERE occurred_at < @cutoff";
        var total = 0;
        while (true)
        {
            await using var connection = await db.OpenAsync(ct);
            var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, SqlParameters.Of(new { cutoff = SortableTime.Of(cutoff) }), cancellationToken: ct));
            total += deleted;
            if (deleted < PurgeSlice)
            {
                return total;
            }
        }
    }

    private const string Columns = "id AS Id, municipality_code AS MunicipalityCode, occurred_at AS OccurredAt, subject AS Subject, unit AS Unit, " +
        "service AS Service, method AS Method, resource AS Resource, outcome AS Outcome, reference AS Reference";

    private sealed class Row
    {
        public long Id { get; set; }

        public string MunicipalityCode { get; set; } = "";

        public string OccurredAt { get; set; } = "";

        public string Subject { get; set; } = "";

        public string Unit { get; set; } = "";

        public string Service { get; set; } = "";

        public string Method { get; set; } = "";

        public string Resource { get; set; } = "";

        public string Outcome { get; set; } = "";

        public string Reference { get; set; } = "";
    }
}

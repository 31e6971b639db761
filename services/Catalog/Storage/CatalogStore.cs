using System.Data.Common;
using Dapper;
using Socialtjanst.Data;

namespace Socialtjanst.Catalog.Storage;

/// <summary>
/// All of the Catalog's SQL. Every statement filters on the kommun; every value is a parameter.
/// The same statements run on SQLite, SQL Server and PostgreSQL except where <see cref="DatabaseProvider"/> says.
/// </summary>
public sealed class CatalogStore(DbConnectionFactory db, TimeProvider? clock = null)
{
    private long changeReads;

    private long revisionReads;

    /// <summary>How many times the change feed has read the store: what an idle watch must not drive up.</summary>
    public long ChangeReads => Interlocked.Read(ref changeReads);

    /// <summary>How many times every kommun's revision was read (the poller, once per interval, whatever the number of streams).</summary>
    public long RevisionReads => Interlocked.Read(ref revisionReads);

    private const string VersionColumns =
        "intervention_id AS InterventionId, version_id AS VersionId, valid_from AS ValidFrom, valid_to AS ValidTo, access AS Access, body AS Body, revision AS Revision";

    private const string RulesColumns =
        "version_id AS VersionId, valid_from AS ValidFrom, valid_to AS ValidTo, body AS Body, revision AS Revision";

    public async Task<(long Revision, List<VersionRow> Versions, List<RulesRow> Rules)> LoadCurrentAsync(string code, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // Read the three in one transaction so revision, versions and rules agree.
        await using var tx = await db.BeginConsistentReadAsync(connection, ct);
        var revision = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT revision FROM municipality WHERE code = @code", SqlParameters.Of(new { code }), tx, cancellationToken: ct)) ?? 0;
        var versions = (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM intervention_version WHERE municipality_code = @code AND superseded_revision IS NULL",
            SqlParameters.Of(new { code }), tx, cancellationToken: ct))).AsList();
        var rules = (await connection.QueryAsync<RulesRow>(new CommandDefinition(
            $"SELECT {RulesColumns} FROM rules_version WHERE municipality_code = @code AND superseded_revision IS NULL",
            SqlParameters.Of(new { code }), tx, cancellationToken: ct))).AsList();
        await tx.CommitAsync(ct);
        return (revision, versions, rules);
    }

    /// <summary>Every kommun's current revision: what the poller compares its cache against.</summary>
    public async Task<Dictionary<string, long>> RevisionsAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref revisionReads);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Code, long Revision)>(new CommandDefinition(
            "SELECT code, revision FROM municipality", cancellationToken: ct));
        return rows.ToDictionary(r => r.Code, r => r.Revision, StringComparer.Ordinal);
    }

    /// <summary>Every version written after a revision, in revision order: the change feed.</summary>
    public async Task<(List<VersionRow> Versions, List<RulesRow> Rules)> ChangesSinceAsync(string code, long since, CancellationToken ct)
    {
        Interlocked.Increment(ref changeReads);
        var (_, versions, rules) = await ReadChangesAsync(code, since, ct);
        return (versions, rules);
    }

    /// <summary>
    /// The kommun's revision and every version written after <paramref name="since"/>, read together: what a
    /// cache at <paramref name="since"/> applies to be current without reading the whole kommun again.
    /// </summary>
    public Task<(long Revision, List<VersionRow> Versions, List<RulesRow> Rules)> CatchUpAsync(string code, long since, CancellationToken ct) =>
        ReadChangesAsync(code, since, ct);

    private async Task<(long Revision, List<VersionRow> Versions, List<RulesRow> Rules)> ReadChangesAsync(string code, long since, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginConsistentReadAsync(connection, ct);
        var revision = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT revision FROM municipality WHERE code = @code", SqlParameters.Of(new { code }), tx, cancellationToken: ct)) ?? 0;
        var versions = (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM intervention_version WHERE municipality_code = @code AND revision > @since ORDER BY revision, intervention_id",
            SqlParameters.Of(new { code, since }), tx, cancellationToken: ct))).AsList();
        var rules = (await connection.QueryAsync<RulesRow>(new CommandDefinition(
            $"SELECT {RulesColumns} FROM rules_version WHERE municipality_code = @code AND revision > @since ORDER BY revision",
            SqlParameters.Of(new { code, since }), tx, cancellationToken: ct))).AsList();
        await tx.CommitAsync(ct);
        return (revision, versions, rules);
    }

    /// <summary>
    /// Every version an insats has had, newest first, each with the write that made it, after a (revision,
    /// version id) key: the history, a page at a time.
    /// </summary>
    public async Task<List<HistoryRow>> HistoryAsync(string code, string interventionId, long beforeRevision, string afterVersion, int limit, CancellationToken ct)
    {
        const string columns = "v.intervention_id AS InterventionId, v.version_id AS VersionId, v.valid_from AS ValidFrom, v.valid_to AS ValidTo, v.access AS Access, v.body AS Body, " +
            "v.revision AS Revision, v.superseded_revision AS SupersededRevision, w.written_at AS WrittenAt, w.method AS Method, w.written_by AS WrittenBy";
        const string from = "FROM intervention_version v LEFT JOIN catalog_write w ON w.municipality_code = v.municipality_code AND w.revision = v.revision " +
            "WHERE v.municipality_code = @code AND v.intervention_id = @interventionId " +
            "AND (v.revision < @beforeRevision OR (v.revision = @beforeRevision AND v.version_id > @afterVersion)) ORDER BY v.revision DESC, v.version_id";
        var sql = db.Provider == DatabaseProvider.SqlServer ? $"SELECT TOP (@limit) {columns} {from}" : $"SELECT {columns} {from} LIMIT @limit";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<HistoryRow>(new CommandDefinition(sql,
            SqlParameters.Of(new { code, interventionId, beforeRevision, afterVersion, limit }), cancellationToken: ct))).AsList();
    }

    /// <summary>The writes to a kommun's catalog before a revision, newest first, with the versions each wrote.</summary>
    public async Task<(List<WriteRow> Writes, List<VersionRow> Versions, List<long> RulesRevisions)> WritesAsync(string code, long beforeRevision, int limit, CancellationToken ct)
    {
        const string writes = "revision AS Revision, written_at AS WrittenAt, method AS Method, written_by AS WrittenBy FROM catalog_write " +
            "WHERE municipality_code = @code AND revision < @beforeRevision ORDER BY revision DESC";
        var sql = db.Provider == DatabaseProvider.SqlServer ? $"SELECT TOP (@limit) {writes}" : $"SELECT {writes} LIMIT @limit";
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<WriteRow>(new CommandDefinition(sql, SqlParameters.Of(new { code, beforeRevision, limit }), cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return (rows, [], []);
        }

        var (low, high) = (rows[^1].Revision, rows[0].Revision);
        var versions = (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM intervention_version WHERE municipality_code = @code AND revision >= @low AND revision <= @high",
            SqlParameters.Of(new { code, low, high }), cancellationToken: ct))).AsList();
        var rules = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT revision FROM rules_version WHERE municipality_code = @code AND revision >= @low AND revision <= @high",
            SqlParameters.Of(new { code, low, high }), cancellationToken: ct))).AsList();
        return (rows, versions, rules);
    }

    /// <summary>Every version of every insats as the catalog held them at a revision.</summary>
    public async Task<List<VersionRow>> VersionsAtAsync(string code, long revision, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM intervention_version WHERE municipality_code = @code AND revision <= @revision AND (superseded_revision IS NULL OR superseded_revision > @revision)",
            SqlParameters.Of(new { code, revision }), cancellationToken: ct))).AsList();
    }

    /// <summary>Every version of the kommun's rules as the catalog held them at a revision.</summary>
    public async Task<List<RulesRow>> RulesAtAsync(string code, long revision, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<RulesRow>(new CommandDefinition(
            $"SELECT {RulesColumns} FROM rules_version WHERE municipality_code = @code AND revision <= @revision AND (superseded_revision IS NULL OR superseded_revision > @revision)",
            SqlParameters.Of(new { code, revision }), cancellationToken: ct))).AsList();
    }

    /// <summary>A request id's first answer in the kommun, or null when the id is new.</summary>
    public async Task<RequestRecord?> FindRequestAsync(string code, string requestId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await RequestLog.FindAsync(connection, null, code, requestId, ct);
    }

    /// <summary>
    /// Commits a write in one transaction under the revision after the one it was planned against. Taking the
    /// revision locks the kommun's row, so writers of one kommun commit one at a time; a write planned against a
    /// revision another has since passed commits nothing (<see cref="CatalogMovedOnException"/>). A write that only
    /// answers a request (an import that changed nothing) gives the revision back: the catalog keeps its revision.
    /// The rows, the request's answer, the access log's events and the history's record of the write commit together.
    /// </summary>
    public async Task CommitAsync(CatalogCommit commit, CancellationToken ct)
    {
        if (commit.IsEmpty)
        {
            return;
        }

        var code = commit.Code;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = DbConnectionFactory.BeginWrite(connection);
        var taken = await NextRevisionAsync(connection, tx, code, ct);
        if (taken != commit.Revision)
        {
            await tx.RollbackAsync(ct);
            throw new CatalogMovedOnException(code, commit.ExpectedRevision, taken - 1);
        }

        var revision = commit.Revision;
        foreach (var row in commit.Versions)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE intervention_version SET superseded_revision = @revision WHERE municipality_code = @code AND version_id = @versionId AND superseded_revision IS NULL",
                SqlParameters.Of(new { code, revision, versionId = row.VersionId }), tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO intervention_version (municipality_code, intervention_id, version_id, valid_from, valid_to, access, body, revision) " +
                "VALUES (@code, @InterventionId, @VersionId, @ValidFrom, @ValidTo, @Access, @Body, @revision)",
                SqlParameters.Of(new { code, revision, row.InterventionId, row.VersionId, row.ValidFrom, row.ValidTo, row.Access, row.Body }), tx, cancellationToken: ct));
        }

        foreach (var row in commit.Rules)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE rules_version SET superseded_revision = @revision WHERE municipality_code = @code AND version_id = @versionId AND superseded_revision IS NULL",
                SqlParameters.Of(new { code, revision, versionId = row.VersionId }), tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO rules_version (municipality_code, version_id, valid_from, valid_to, body, revision) VALUES (@code, @VersionId, @ValidFrom, @ValidTo, @Body, @revision)",
                SqlParameters.Of(new { code, revision, row.VersionId, row.ValidFrom, row.ValidTo, row.Body }), tx, cancellationToken: ct));
        }

        if (!commit.ChangesCatalog)
        {
            // Only the request log is written: a revision without rows woke every watcher for nothing.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE municipality SET revision = revision - 1 WHERE code = @code AND revision = @revision",
                SqlParameters.Of(new { code, revision }), tx, cancellationToken: ct));
        }

        if (commit.Request is { } request)
        {
            await RequestLog.LogAsync(connection, tx, code, request.RequestId, request.Method, request.Hash, request.Response, request.At, ct);
        }

        if (commit.Journal is { } journal && commit.Touched.Count > 0)
        {
            await journal.RecordAsync(connection, tx, commit.Touched, ct); // who changed the catalog, in the same commit
        }

        if (commit.ChangesCatalog)
        {
            // The history's page of this revision: who (the access log's pseudonym of the caller, "system" for
            // the seed import at start), by which method, when.
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO catalog_write (municipality_code, revision, written_at, method, written_by) VALUES (@code, @revision, @writtenAt, @method, @writtenBy)",
                SqlParameters.Of(new
                {
                    code,
                    revision,
                    writtenAt = (clock ?? TimeProvider.System).GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    method = Tail(commit.Journal?.Method ?? "Seed", 64),
                    writtenBy = Tail(commit.Journal?.Author ?? "system", 64),
                }),
                tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        foreach (var row in commit.Versions)
        {
            row.Revision = revision;
        }

        foreach (var row in commit.Rules)
        {
            row.Revision = revision;
        }
    }

    private static string Tail(string value, int max) => value.Length <= max ? value : value[..max];

    private async Task<long> NextRevisionAsync(DbConnection connection, DbTransaction tx, string code, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.SqlServer)
        {
            // SQLite and PostgreSQL: the upsert takes the row's lock (PostgreSQL) or the database's (SQLite) until commit.
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO municipality (code, revision) VALUES (@code, 1) ON CONFLICT (code) DO UPDATE SET revision = municipality.revision + 1 RETURNING revision",
                SqlParameters.Of(new { code }), tx, cancellationToken: ct));
        }

        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "UPDATE municipality WITH (UPDLOCK, HOLDLOCK) SET revision = revision + 1 OUTPUT inserted.revision WHERE code = @code",
            SqlParameters.Of(new { code }), tx, cancellationToken: ct));
        return next ?? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO municipality (code, revision) OUTPUT inserted.revision VALUES (@code, 1)",
            SqlParameters.Of(new { code }), tx, cancellationToken: ct));
    }
}

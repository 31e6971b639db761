using System.Data.Common;
using Dapper;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.Catalog.Storage;

/// <summary>The statements of one write transaction, all within one kommun.</summary>
public sealed class CatalogWrite(DbConnection connection, DbTransaction tx, string code, long revision, CancellationToken ct)
{
    private readonly List<(string Resource, string Reference)> touched = [];
    private readonly List<VersionRow> versions = [];
    private readonly List<RulesRow> rules = [];

    public long Revision => revision;

    /// <summary>True once the write's transaction committed: its rows are the catalog's at <see cref="Revision"/>.</summary>
    public bool Committed { get; internal set; }

    /// <summary>The versions this write put, as written: a cache one revision behind applies them instead of reading the kommun again.</summary>
    public IReadOnlyList<VersionRow> Versions => versions;

    /// <summary>The rules versions this write put.</summary>
    public IReadOnlyList<RulesRow> Rules => rules;

    /// <summary>What this write changed, each with the nämnd decision it rests on: the access log records them in this transaction.</summary>
    public IReadOnlyCollection<(string Resource, string Reference)> Touched => touched;

    /// <summary>Names a resource this write changed and the nämnd decision it rests on.</summary>
    public void Touch(string resource, string reference) => touched.Add((resource, reference));

    /// <summary>Gives the revision this write took back (the kommun's row is locked by it, so nobody took a later one).</summary>
    public Task ReleaseRevisionAsync() => connection.ExecuteAsync(new CommandDefinition(
        "UPDATE municipality SET revision = revision - 1 WHERE code = @code AND revision = @revision",
        SqlParameters.Of(new { code, revision }), tx, cancellationToken: ct));

    public Task<RequestRecord?> FindRequestAsync(string requestId) => RequestLog.FindAsync(connection, tx, code, requestId, ct);

    public Task LogRequestAsync(string requestId, string method, string requestHash, byte[] response, DateTimeOffset now) =>
        RequestLog.LogAsync(connection, tx, code, requestId, method, requestHash, response, now, ct);

    public async Task<List<VersionRow>> CurrentVersionsAsync(string? interventionId = null)
    {
        var sql = "SELECT intervention_id AS InterventionId, version_id AS VersionId, valid_from AS ValidFrom, valid_to AS ValidTo, access AS Access, body AS Body, revision AS Revision " +
                  "FROM intervention_version WHERE municipality_code = @code AND superseded_revision IS NULL" +
                  (interventionId is null ? "" : " AND intervention_id = @interventionId");
        return (await connection.QueryAsync<VersionRow>(new CommandDefinition(sql, SqlParameters.Of(new { code, interventionId }), tx, cancellationToken: ct))).AsList();
    }

    public async Task<List<RulesRow>> CurrentRulesAsync() =>
        (await connection.QueryAsync<RulesRow>(new CommandDefinition(
            "SELECT version_id AS VersionId, valid_from AS ValidFrom, valid_to AS ValidTo, body AS Body, revision AS Revision FROM rules_version WHERE municipality_code = @code AND superseded_revision IS NULL",
            SqlParameters.Of(new { code }), tx, cancellationToken: ct))).AsList();

    /// <summary>Writes a version under this revision, superseding the current row of the same version.</summary>
    public async Task PutVersionAsync(VersionRow row)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE intervention_version SET superseded_revision = @revision WHERE municipality_code = @code AND version_id = @versionId AND superseded_revision IS NULL",
            SqlParameters.Of(new { code, revision, versionId = row.VersionId }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO intervention_version (municipality_code, intervention_id, version_id, valid_from, valid_to, access, body, revision) " +
            "VALUES (@code, @InterventionId, @VersionId, @ValidFrom, @ValidTo, @Access, @Body, @revision)",
            SqlParameters.Of(new { code, revision, row.InterventionId, row.VersionId, row.ValidFrom, row.ValidTo, row.Access, row.Body }), tx, cancellationToken: ct));
        row.Revision = revision;
        versions.Add(row);
    }

    /// <summary>Writes a version of the rules under this revision, superseding the current row of the same version.</summary>
    public async Task PutRulesAsync(RulesRow row)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rules_version SET superseded_revision = @revision WHERE municipality_code = @code AND version_id = @versionId AND superseded_revision IS NULL",
            SqlParameters.Of(new { code, revision, versionId = row.VersionId }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO rules_version (municipality_code, version_id, valid_from, valid_to, body, revision) VALUES (@code, @VersionId, @ValidFrom, @ValidTo, @Body, @revision)",
            SqlParameters.Of(new { code, revision, row.VersionId, row.ValidFrom, row.ValidTo, row.Body }), tx, cancellationToken: ct));
        row.Revision = revision;
        rules.Add(row);
    }
}

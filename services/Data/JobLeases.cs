using Dapper;

namespace Socialtjanst.Data;

/// <summary>
/// Background work that must run once per fleet, not once per replica (FollowUp's rescheduler, the access
/// log's purge): a lease by name in the service's own database (table job_lease, created by the
/// migrations of the services that use it). A replica does the work only while it holds the lease; it
/// renews it each round; when the holder stops renewing, another takes it once it has expired.
/// </summary>
public sealed class JobLeases(DbConnectionFactory db)
{
    /// <summary>This process, as a lease holder.</summary>
    public string Holder { get; } = Tail($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    /// <summary>Takes or renews the lease until now + ttl; false while another holder's lease has not expired.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan ttl, DateTimeOffset now, CancellationToken ct, string? holder = null)
    {
        var sql = db.Provider != DatabaseProvider.SqlServer
            ? "INSERT INTO job_lease (name, holder, expires_at) VALUES (@name, @holder, @expires) " +
              "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at " +
              "WHERE job_lease.holder = excluded.holder OR job_lease.expires_at < @now"
            : "MERGE job_lease WITH (HOLDLOCK) AS t USING (SELECT @name AS name) AS s ON t.name = s.name " +
              "WHEN MATCHED AND (t.holder = @holder OR t.expires_at < @now) THEN UPDATE SET holder = @holder, expires_at = @expires " +
              "WHEN NOT MATCHED THEN INSERT (name, holder, expires_at) VALUES (@name, @holder, @expires);";
        await using var connection = await db.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, SqlParameters.Of(new
        {
            name,
            holder = holder ?? Holder,
            expires = SortableTime.Of(now + ttl),
            now = SortableTime.Of(now),
        }), cancellationToken: ct));
        return changed > 0;
    }

    private static string Tail(string holder) => holder.Length <= 200 ? holder : holder[^200..];
}

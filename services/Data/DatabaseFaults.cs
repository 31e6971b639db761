using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Socialtjanst.Data;

/// <summary>
/// Which database errors are passing faults a client should retry: a deadlock victim's transaction was rolled back
/// whole (<see cref="DatabaseFault.RolledBack"/>: retry the call), a failover, a lost connection or a busy engine is
/// <see cref="DatabaseFault.Unavailable"/> (retry with backoff). Writes carry a request_id, so a retried write whose
/// first attempt did commit answers the same. Anything else is no passing fault. The transport answers them
/// (Hosting's ErrorInterceptor: ABORTED and UNAVAILABLE).
/// </summary>
public static class DatabaseFaults
{
    /// <summary>SQL Server: chosen as deadlock victim.</summary>
    public const int Deadlock = 1205;

    // Failover and connection loss on SQL Server (Always On, Azure SQL): the database is moving or the session
    // is gone; a new connection to the listener reaches the new primary. -2 is a client-side timeout.
    private static readonly HashSet<int> Passing =
    [
        -2, 20, 64, 233, 976, 978, 983, 1222, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920,
    ];

    /// <summary>The kind of passing fault, or null when the error is not one.</summary>
    public static DatabaseFault? KindOf(Exception ex) => ex switch
    {
        SqlException sql when sql.Errors.Cast<SqlError>().Any(e => e.Number == Deadlock) => DatabaseFault.RolledBack,
        SqlException sql when sql.Errors.Cast<SqlError>().Any(e => Passing.Contains(e.Number)) => DatabaseFault.Unavailable,
        PostgresException pg when pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure => DatabaseFault.RolledBack,
        PostgresException pg when PostgresPassing(pg.SqlState) => DatabaseFault.Unavailable,
        SqliteException lite when lite.SqliteErrorCode is 5 or 6 => DatabaseFault.Unavailable, // SQLITE_BUSY, SQLITE_LOCKED
        DbException db when db.IsTransient => DatabaseFault.Unavailable,
        _ => null,
    };

    // PostgreSQL: the server is shutting down or restarting (a failover, a rolling restart), too many connections,
    // a connection lost (class 08), a lock not had in time (55P03), a statement cancelled by the server's timeout.
    private static bool PostgresPassing(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) ||
        state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled;

    /// <summary>What a log may say of a database error: its type and number, never its message (which can quote values).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SqlException sql => $"SqlException {sql.Number}",
        PostgresException pg => $"PostgresException {pg.SqlState}",
        SqliteException lite => $"SqliteException {lite.SqliteErrorCode}/{lite.SqliteExtendedErrorCode}",
        _ => ex.GetType().Name,
    };
}

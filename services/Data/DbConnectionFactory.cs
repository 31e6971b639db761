using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Socialtjanst.Data;

/// <summary>
/// Opens connections to the service's own database, set up so that committed means durable (PostgreSQL's and SQL
/// Server's defaults already are: a commit waits for the write-ahead log).
/// </summary>
public sealed class DbConnectionFactory(DatabaseOptions options)
{
    public DatabaseProvider Provider => options.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = options.Provider switch
        {
            DatabaseProvider.Sqlite => new InterruptibleSqliteConnection(options.ConnectionString),
            DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
            DatabaseProvider.PostgreSql => new NpgsqlConnection(options.ConnectionString),
            _ => throw new InvalidOperationException("Unknown database provider."),
        };
        try
        {
            await connection.OpenAsync(ct);
            if (connection is SqliteConnection sqlite)
            {
                // WAL for concurrent readers; FULL so a commit survives a power cut; wait for a
                // writer instead of failing with SQLITE_BUSY.
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=" +
                    ((long)options.SqliteBusyTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
                await pragma.ExecuteNonQueryAsync(ct);
                ((InterruptibleSqliteConnection)sqlite).InterruptOn(ct);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Microsoft.Data.Sqlite checks the token only before a statement runs; a cancelled caller's
    /// query would run on to the end. This makes cancellation reach the engine (sqlite3_interrupt)
    /// for as long as the connection is open, and never after it is back in the pool: the registration
    /// is undone (waiting for an interrupt in progress) before Close hands the handle back, so an
    /// interrupt meant for one caller never reaches the next user of the pooled handle. (Undoing it on
    /// the Closed event, as before, left a moment in which the handle was already another call's: one
    /// call in some 10 000 of the cross-kommun test was interrupted so and answered INTERNAL.) SQL
    /// Server's client sends an attention signal on cancellation by itself.
    /// </summary>
    private sealed class InterruptibleSqliteConnection(string connectionString) : SqliteConnection(connectionString)
    {
        private CancellationTokenRegistration registration;

        public void InterruptOn(CancellationToken ct)
        {
            if (ct.CanBeCanceled)
            {
                registration = ct.Register(static handle => SQLitePCL.raw.sqlite3_interrupt((SQLitePCL.sqlite3)handle!), Handle);
            }
        }

        public override void Close()
        {
            registration.Dispose();
            registration = default;
            base.Close();
        }
    }

    /// <summary>True when a statement was stopped by the interrupt of a cancelled caller (InterruptibleSqliteConnection).</summary>
    public static bool IsInterrupted(Exception ex) => ex is SqliteException { SqliteErrorCode: 9 };

    /// <summary>Begins a write transaction. On SQLite it takes the write lock at once (BEGIN IMMEDIATE).</summary>
    public static DbTransaction BeginWrite(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => sqlite.BeginTransaction(deferred: false),
        _ => connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted),
    };

    /// <summary>
    /// A transaction whose reads agree with each other (a kommun's revision and its rows). SERIALIZABLE on SQLite
    /// and SQL Server; on PostgreSQL REPEATABLE READ, its snapshot, which a read-only transaction needs and which
    /// never fails with a serialization error as SERIALIZABLE may there.
    /// </summary>
    public async Task<DbTransaction> BeginConsistentReadAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(
            Provider == DatabaseProvider.PostgreSql ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable, ct);

    /// <summary>True when the exception is a primary-key or unique violation.</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        // SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE: not every constraint (a NOT NULL or CHECK is not a duplicate).
        SqliteException s => s.SqliteExtendedErrorCode is 1555 or 2067,
        SqlException s => s.Number is 2627 or 2601,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

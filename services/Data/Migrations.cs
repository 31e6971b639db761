using System.Reflection;
using DbUp;
using DbUp.Builder;

namespace Socialtjanst.Data;

/// <summary>
/// Runs a service's migrations with DbUp: embedded scripts under Migrations/Sqlite, Migrations/SqlServer or
/// Migrations/PostgreSql of the service's assembly, each run once and journaled. Replicas that start together
/// take turns: SQL Server by an application lock (sp_getapplock, held by the session), PostgreSQL by a
/// session-level advisory lock, SQLite by an exclusive lock file beside the database.
/// </summary>
public static class Migrations
{
    /// <summary>The lock every replica of every service takes before it migrates (one database may hold several services' tables).</summary>
    public const string LockResource = "socialtjanst-migrations";

    /// <summary>How long a replica waits for another's migration before it gives up (and its start fails).</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    public static void Run(DatabaseOptions options, Assembly assembly)
    {
        if (options.Migrations == MigrationMode.Check)
        {
            var missing = Engine(options, assembly).GetScriptsToExecute().Count;
            if (missing > 0)
            {
                throw new InvalidOperationException($"Database:Migrations is Check and {missing} migration(s) of {assembly.GetName().Name} are not applied: run the migration Job (Database:Migrations=Only) first.");
            }

            return;
        }

        using var turn = TakeTurn(options);
        Upgrade(options, assembly);
    }

    /// <summary>The migration lock of this database, held until disposed; waits while another instance holds it.</summary>
    public static IDisposable TakeTurn(DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => SqliteLock(options.ConnectionString),
        DatabaseProvider.PostgreSql => PostgreSqlLock(options),
        _ => SqlServerLock(options),
    };

    private static void Upgrade(DatabaseOptions options, Assembly assembly)
    {
        var result = Engine(options, assembly).PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }
    }

    private static DbUp.Engine.UpgradeEngine Engine(DatabaseOptions options, Assembly assembly)
    {
        var folder = $".Migrations.{options.Provider}.";
        UpgradeEngineBuilder builder;
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteDirectory(options.ConnectionString);
                builder = DeployChanges.To.SqliteDatabase(options.ConnectionString);
                break;
            case DatabaseProvider.PostgreSql:
                builder = DeployChanges.To.PostgresqlDatabase(options.ConnectionString);
                break;
            default:
                builder = DeployChanges.To.SqlDatabase(options.ConnectionString);
                break;
        }

        return builder
            .WithScriptsEmbeddedInAssembly(assembly, name => name.Contains(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }

    private static IDisposable SqlServerLock(DatabaseOptions options)
    {
        if (options.CreateIfMissing)
        {
            EnsureDatabase.For.SqlDatabase(options.ConnectionString);
        }

        var connection = new Microsoft.Data.SqlClient.SqlConnection(options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DECLARE @result int; EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @timeout; SELECT @result;";
        command.Parameters.AddWithValue("@resource", LockResource);
        command.Parameters.AddWithValue("@timeout", (int)LockTimeout.TotalMilliseconds);
        command.CommandTimeout = (int)LockTimeout.TotalSeconds + 30;
        if (Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) < 0)
        {
            connection.Dispose();
            throw new InvalidOperationException("Another instance held the migration lock too long.");
        }

        return connection; // closing the session releases the lock
    }

    /// <summary>
    /// A session-level advisory lock on a key derived from <see cref="LockResource"/>, held until the connection
    /// closes (a killed Job's session ends and frees it). Tried every 250 ms up to <see cref="LockTimeout"/>.
    /// </summary>
    private static Npgsql.NpgsqlConnection PostgreSqlLock(DatabaseOptions options)
    {
        if (options.CreateIfMissing)
        {
            EnsureDatabase.For.PostgresqlDatabase(options.ConnectionString, new DbUp.Engine.Output.NoOpUpgradeLog()); // DbUp's default writes to the console, outside the service's log
        }

        // Unpooled: closing the connection ends the session, and that releases the lock (a pooled one would keep it).
        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_try_advisory_lock(@key)";
            command.Parameters.AddWithValue("key", AdvisoryKey);
            if (command.ExecuteScalar() is true)
            {
                return connection;
            }

            if (waited.Elapsed >= LockTimeout)
            {
                connection.Dispose();
                throw new InvalidOperationException("Another instance held the migration lock too long.");
            }

            Thread.Sleep(250);
        }
    }

    /// <summary>The advisory-lock key of <see cref="LockResource"/>: the first 8 bytes of its SHA-256, the same in every process.</summary>
    private static long AdvisoryKey => BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(LockResource)), 0);

    private static FileStream SqliteLock(string connectionString)
    {
        EnsureSqliteDirectory(connectionString);
        var file = Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource) + ".migrations.lock";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Kept, not deleted on close: a file deleted while another waits on it could be locked twice.
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                Thread.Sleep(50); // another instance is migrating
            }
        }
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}

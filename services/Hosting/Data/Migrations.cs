using System.Reflection;
using DbUp;
using DbUp.Builder;

namespace Socialtjanst.Hosting.Data;

/// <summary>
/// Runs a service's migrations with DbUp: embedded scripts under Storage/Migrations/Sqlite or
/// Storage/Migrations/SqlServer of the service's assembly, each run once and journaled. Replicas that
/// start together take turns: SQL Server by an application lock (sp_getapplock, held by the session),
/// SQLite by an exclusive lock file beside the database.
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
    public static IDisposable TakeTurn(DatabaseOptions options) =>
        options.Provider == DatabaseProvider.Sqlite ? SqliteLock(options.ConnectionString) : SqlServerLock(options);

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
        var folder = options.Provider == DatabaseProvider.Sqlite ? ".Migrations.Sqlite." : ".Migrations.SqlServer.";
        UpgradeEngineBuilder builder;
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteDirectory(options.ConnectionString);
            builder = DeployChanges.To.SqliteDatabase(options.ConnectionString);
        }
        else
        {
            builder = DeployChanges.To.SqlDatabase(options.ConnectionString);
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

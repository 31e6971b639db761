namespace Socialtjanst.Hosting.Data;

/// <summary>Which database a service owns. SQLite is the embedded default; SQL Server is production.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// SQL Server: create the database when it does not exist (development, docker-compose). Off by
    /// default: in production the DBA creates it, in its availability group, and the service only migrates.
    /// </summary>
    public bool CreateIfMissing { get; set; }

    /// <summary>Run (default), Check (pods in production: never migrate at start) or Only (the migration Job).</summary>
    public MigrationMode Migrations { get; set; } = MigrationMode.Run;

    /// <summary>
    /// SQLite: how long a statement waits for another writer before it gives up with SQLITE_BUSY (then
    /// answered UNAVAILABLE). Whole milliseconds.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

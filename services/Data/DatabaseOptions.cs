using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Data;

/// <summary>Which database a service owns. SQLite is the embedded default; SQL Server is production.</summary>
public sealed class DatabaseOptions : ISettings
{
    public static string Section => "Database";

    /// <summary>The database engine: `Sqlite` (the embedded default), `SqlServer` or `PostgreSql` (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The service's own database; required (the start is refused without it).</summary>
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
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

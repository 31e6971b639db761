namespace Socialtjanst.Hosting.Data;

/// <summary>Which database a service owns. SQLite is the embedded default; SQL Server is production.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "";
}

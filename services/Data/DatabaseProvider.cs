namespace Socialtjanst.Data;

/// <summary>Which engine a service's database runs on. SQLite is the embedded default; SQL Server and PostgreSQL are production.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

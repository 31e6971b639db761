using Socialtjanst.Data;

namespace Socialtjanst.Suite;

/// <summary>
/// Where an in-process suite keeps its services' databases: a SQLite file per service, or a database per service on a
/// PostgreSQL or SQL Server server, named <c>{Prefix}_{service}</c> (the same prefix gives the same databases: replicas share them).
/// </summary>
public sealed record SuiteDatabase(DatabaseProvider Provider, string? Server = null, string Prefix = "suite")
{
    public static SuiteDatabase SqliteFiles { get; } = new(DatabaseProvider.Sqlite);

    public static SuiteDatabase PostgreSql(string server, string prefix) => new(DatabaseProvider.PostgreSql, server, prefix);

    public static SuiteDatabase SqlServer(string server, string prefix) => new(DatabaseProvider.SqlServer, server, prefix);

    /// <summary>The server database's name for a service (lower case).</summary>
    public string DatabaseName(string service) => $"{Prefix}_{service.ToLowerInvariant()}";

    public string ConnectionString(string service, string directory) => Provider switch
    {
        DatabaseProvider.PostgreSql => new Npgsql.NpgsqlConnectionStringBuilder(Server) { Database = DatabaseName(service) }.ConnectionString,
        DatabaseProvider.SqlServer => new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(Server) { InitialCatalog = DatabaseName(service) }.ConnectionString,
        _ => $"Data Source={Path.Combine(directory, service.ToLowerInvariant() + ".db")}",
    };
}

using System.Reflection;
using DbUp;
using DbUp.Builder;

namespace Socialtjanst.Hosting.Data;

/// <summary>
/// Runs a service's migrations with DbUp: embedded scripts under Storage/Migrations/Sqlite or
/// Storage/Migrations/SqlServer of the service's assembly, each run once and journaled.
/// </summary>
public static class Migrations
{
    public static void Run(DatabaseOptions options, Assembly assembly)
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
            EnsureDatabase.For.SqlDatabase(options.ConnectionString);
            builder = DeployChanges.To.SqlDatabase(options.ConnectionString);
        }

        var result = builder
            .WithScriptsEmbeddedInAssembly(assembly, name => name.Contains(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
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

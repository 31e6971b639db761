using Npgsql;
using Socialtjanst.Data;
using Xunit;

namespace Socialtjanst.TestSupport;

/// <summary>
/// The PostgreSQL the storage contract and fleet tests use, from SOCIALTJANST_TEST_POSTGRES (`.ci/run` starts one
/// with tools/postgres/start.sh and sets it); every PostgreSQL subclass skips, with the reason shown, when it is not
/// set. Each test process works in a database of its own (created on first use), so test assemblies running at
/// once do not see each other's rows.
/// </summary>
public static class PostgreSql
{
    public const string Variable = "SOCIALTJANST_TEST_POSTGRES";

    private static readonly Lazy<string> ProcessDatabase = new(() => "socialtjanst_t" + Environment.ProcessId + "_" + Guid.NewGuid().ToString("N")[..8]);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    /// <summary>This test process's database.</summary>
    public static DatabaseOptions Options => NewDatabase(ProcessDatabase.Value);

    /// <summary>A database of the given name (created when first migrated).</summary>
    public static DatabaseOptions NewDatabase(string name) => new()
    {
        Provider = DatabaseProvider.PostgreSql,
        ConnectionString = ConnectionString is null ? "" : new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString,
        CreateIfMissing = true,
    };

    /// <summary>A database no test has used yet.</summary>
    public static DatabaseOptions FreshDatabase() => NewDatabase("socialtjanst_fresh_" + Guid.NewGuid().ToString("N"));

    public static void SkipUnlessConfigured() => Skip.If(ConnectionString is null, $"PostgreSQL tests run when {Variable} is set (tools/postgres/start.sh prints it).");
}

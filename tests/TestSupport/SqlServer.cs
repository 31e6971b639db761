using Socialtjanst.Data;
using Xunit;

namespace Socialtjanst.TestSupport;

/// <summary>
/// The SQL Server the storage contract tests may use, from SOCIALTJANST_TEST_SQLSERVER; every
/// SQL Server subclass skips, with the reason shown, when it is not set.
/// </summary>
public static class SqlServer
{
    public const string Variable = "SOCIALTJANST_TEST_SQLSERVER";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static DatabaseOptions Options => new() { Provider = DatabaseProvider.SqlServer, ConnectionString = ConnectionString ?? "", CreateIfMissing = true };

    public static void SkipUnlessConfigured() => Skip.If(ConnectionString is null, $"SQL Server tests run when {Variable} is set.");
}

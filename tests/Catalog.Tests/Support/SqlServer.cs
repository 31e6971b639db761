namespace Socialtjanst.Catalog.Tests.Support;

/// <summary>The SQL Server the storage tests may use, from SOCIALTJANST_TEST_SQLSERVER.</summary>
public static class SqlServer
{
    public const string Variable = "SOCIALTJANST_TEST_SQLSERVER";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;
}

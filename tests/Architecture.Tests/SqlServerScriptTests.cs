using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Socialtjanst.Architecture.Tests;

/// <summary>
/// There is no SQL Server engine on these machines, so every SQL Server migration is parsed with
/// Microsoft's own T-SQL parser (ScriptDom, SQL Server 2022 grammar): a statement SQL Server would
/// refuse fails the run here, before a kommun's DBA finds it.
/// </summary>
public sealed class SqlServerScriptTests
{
    public static TheoryData<string> Migrations() =>
        [.. Directory.GetFiles(Path.Combine(LayeringTests.Root, "services"), "*.sql", SearchOption.AllDirectories)
            .Where(f => f.Replace('\\', '/').Contains("/Migrations/SqlServer/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(LayeringTests.Root, f))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Migrations))]
    public void EveryMigration_ParsesAsTSql(string file)
    {
        var errors = Parse(File.ReadAllText(Path.Combine(LayeringTests.Root, file)), out var script);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{file}:{e.Line}:{e.Column}: {e.Message}")));
        Assert.NotEmpty(script!.Batches.SelectMany(b => b.Statements));
    }

    [Fact]
    public void TheMigrationsAreFound_AndTheParserRefusesWhatSqlServerWould()
    {
        Assert.True(Migrations().Count >= 5, "the SQL Server migrations were not found");
        Assert.NotEmpty(Parse("CREATE TABLE t (id INT NOT NULL AUTOINCREMENT);", out _)); // SQLite's keyword, not T-SQL
        Assert.NotEmpty(Parse("SELECT * FROM t LIMIT 10;", out _));
    }

    private static IList<ParseError> Parse(string sql, out TSqlScript? script)
    {
        using var reader = new StringReader(sql);
        script = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors) as TSqlScript;
        return errors;
    }
}

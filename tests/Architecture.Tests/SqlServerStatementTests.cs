using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Socialtjanst.Architecture.Tests;

/// <summary>
/// Every SQL statement the stores send is parsed with Microsoft's T-SQL parser, not only the migrations:
/// the statements are read from the compiled assemblies' string literals (the compiler joins constant
/// pieces into one), so a statement cannot be missed by forgetting to list it. Statements written for
/// SQLite only (ON CONFLICT, RETURNING, LIMIT, PRAGMA) are left out; every other one must parse, and every
/// table and column it names must exist in the SQL Server migrations.
/// </summary>
public sealed class SqlServerStatementTests
{
    private static readonly Assembly[] Stores =
    [
        typeof(Catalog.Storage.CatalogStore).Assembly,
        typeof(FollowUp.Storage.FollowUpStore).Assembly,
        typeof(Documentation.Storage.ParticipationStore).Assembly,
        typeof(Eligibility.Storage.DecisionLogStore).Assembly,
        typeof(Audit.AuditStore).Assembly,
        typeof(Data.JobLeases).Assembly,
    ];

    private static readonly string[] SqliteOnly = ["ON CONFLICT", "RETURNING", " LIMIT ", "PRAGMA", "INSERT OR ", "sqlite_", "EXPLAIN QUERY PLAN"];

    private static readonly string[] Verbs = ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "MERGE ", "WITH ", "DECLARE "];

    /// <summary>
    /// Every string literal of the store assemblies that is a SQL statement, with the assembly it is in, and
    /// every variant of the one statement joined at run time (the access log's list query).
    /// </summary>
    public static List<(string Assembly, string Sql)> Statements() =>
        [.. Stores.SelectMany(a => Literals(a).Select(s => (a.GetName().Name!, s)))
            .Where(x => Verbs.Any(v => x.Item2.StartsWith(v, StringComparison.Ordinal)) && Whole(x.Item2))
            .Concat(Enumerable.Range(0, 8).Select(i => ("Socialtjanst.Audit", Audit.AuditStore.ListSql(Data.DatabaseProvider.SqlServer, (i & 1) != 0, (i & 2) != 0, (i & 4) != 0))))
            .Distinct()];

    // A piece of a statement joined at run time is not a statement: what has no FROM, INTO or SET is left out
    // (the one such statement, the access log's list query, is checked in every variant above).
    private static bool Whole(string sql) =>
        sql.StartsWith("MERGE ", StringComparison.Ordinal) || sql.StartsWith("DECLARE ", StringComparison.Ordinal) ||
        sql.Contains(" FROM ", StringComparison.Ordinal) || sql.Contains(" INTO ", StringComparison.Ordinal) || sql.Contains(" SET ", StringComparison.Ordinal);

    private static IEnumerable<string> Literals(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var reader = pe.GetMetadataReader();
        var handle = MetadataTokens.UserStringHandle(1);
        var list = new List<string>();
        while (!handle.IsNil)
        {
            list.Add(reader.GetUserString(handle));
            handle = reader.GetNextHandle(handle);
        }

        return list;
    }

    private static Dictionary<string, HashSet<string>> Schema() =>
        Types().ToDictionary(t => t.Key, t => t.Value.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    /// <summary>Per table, per column: true for nchar/nvarchar, false for char/varchar, null for anything else.</summary>
    private static Dictionary<string, Dictionary<string, bool?>> Types()
    {
        var tables = new Dictionary<string, Dictionary<string, bool?>>(StringComparer.OrdinalIgnoreCase);
        foreach (string file in SqlServerScriptTests.Migrations())
        {
            Parse(File.ReadAllText(Path.Combine(LayeringTests.Root, file)), out var parsed);
            var script = parsed!;
            var definitions = new SchemaCollector(tables);
            script.Accept(definitions); // also the CREATE TABLE inside an IF OBJECT_ID(...) IS NULL
        }

        return tables;
    }

    [Fact]
    public void EveryStatementTheStoresSend_ParsesAsTSql_AndNamesTablesAndColumnsTheMigrationsMake()
    {
        var statements = Statements();
        var schema = Schema();
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var (assembly, sql) in statements.Where(s => !SqliteOnly.Any(m => s.Sql.Contains(m, StringComparison.OrdinalIgnoreCase))))
        {
            checkedCount++;
            var errors = Parse(sql, out var script);
            if (errors.Count > 0)
            {
                problems.Add($"{assembly}: {errors[0].Message} in: {sql}");
                continue;
            }

            var names = new NameCollector();
            script!.Accept(names);
            foreach (var table in names.Tables.Where(t => !schema.ContainsKey(t)))
            {
                problems.Add($"{assembly}: no table {table} in the SQL Server migrations: {sql}");
            }

            var columns = names.Tables.Where(schema.ContainsKey).SelectMany(t => schema[t]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var column in names.Columns.Where(c => !columns.Contains(c) && !names.Aliases.Contains(c)))
            {
                problems.Add($"{assembly}: no column {column} in {string.Join(", ", names.Tables)}: {sql}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedCount >= 25, $"only {checkedCount} statements found: the literals were not read");
        Assert.Contains(statements, s => s.Sql.StartsWith("MERGE job_lease", StringComparison.Ordinal)); // a SQL Server-only statement is among them
    }

    [Fact]
    public void TheCheck_RefusesAStatementWithAMisspelledColumn_OrSqliteSyntax()
    {
        Assert.NotEmpty(Parse("SELECT x FROM t ORDER BY x LIMIT 3", out _));
        Parse("SELECT decision_idd FROM decision WHERE municipality_code = @code", out var script);
        var names = new NameCollector();
        script!.Accept(names);
        Assert.DoesNotContain("decision_idd", Schema()["decision"]);
        Assert.Contains("decision_idd", names.Columns);
    }

    [Fact]
    public void EveryParameter_IsSentAsTheColumnItMeetsIsTyped_VarcharForVarchar_NvarcharForNvarchar()
    {
        var types = Types();
        var problems = new List<string>();
        var pairs = 0;
        foreach (var (assembly, sql) in Statements())
        {
            if (Parse(sql, out var script).Count > 0)
            {
                continue; // SQLite's own statements: their SQL Server twins carry the same parameters
            }

            var names = new NameCollector();
            script!.Accept(names);
            foreach (var (column, parameter) in names.ParameterColumns)
            {
                var unicode = names.Tables.Where(types.ContainsKey).Select(t => types[t].GetValueOrDefault(column)).FirstOrDefault(u => u is not null);
                if (unicode is null)
                {
                    continue; // not a character column
                }

                pairs++;
                var ansi = Data.SqlParameters.Ansi.Contains(parameter);
                if (ansi == unicode)
                {
                    problems.Add($"{assembly}: @{parameter} meets {(unicode.Value ? "nvarchar" : "varchar/char")} column {column} but is sent as {(ansi ? "varchar" : "nvarchar")}: {sql}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(pairs >= 40, $"only {pairs} parameter/column pairs found");
    }

    [Fact]
    public void EveryStore_PassesItsParametersThroughSqlParameters()
    {
        var files = new[] { "Catalog/Storage", "FollowUp/Storage", "Documentation/Storage", "Audit", "Data" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(LayeringTests.Root, "services", d), "*.cs"))
            .Where(f => Path.GetFileName(f) != "SqlParameters.cs");
        var bare = new System.Text.RegularExpressions.Regex(@"(,|=>)\s*new\s*\{|(?<!SqlParameters\.Of)\(\s*new\s*\{|new DynamicParameters\(");
        var found = files.SelectMany(f => bare.Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}")).ToList();
        Assert.True(found.Count == 0, "parameters not typed by SqlParameters:\n" + string.Join("\n", found));
    }

    private static IList<ParseError> Parse(string sql, out TSqlScript? script)
    {
        using var reader = new StringReader(sql);
        script = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors) as TSqlScript;
        return errors;
    }

    /// <summary>The tables and columns the migrations create, add and drop, in script order.</summary>
    private sealed class SchemaCollector(Dictionary<string, Dictionary<string, bool?>> tables) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node) =>
            tables[node.SchemaObjectName.BaseIdentifier.Value] = node.Definition.ColumnDefinitions.ToDictionary(c => c.ColumnIdentifier.Value, Unicode, StringComparer.OrdinalIgnoreCase);

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                tables[node.SchemaObjectName.BaseIdentifier.Value][column.ColumnIdentifier.Value] = Unicode(column);
            }
        }

        private static bool? Unicode(ColumnDefinition column) => (column.DataType as SqlDataTypeReference)?.SqlDataTypeOption switch
        {
            SqlDataTypeOption.NChar or SqlDataTypeOption.NVarChar => true,
            SqlDataTypeOption.Char or SqlDataTypeOption.VarChar => false,
            _ => null,
        };

        public override void Visit(DropTableStatement node)
        {
            foreach (var name in node.Objects)
            {
                tables.Remove(name.BaseIdentifier.Value);
            }
        }
    }

    /// <summary>The tables a statement names, the columns it reads or writes, and the names it gives (aliases).</summary>
    private sealed class NameCollector : TSqlFragmentVisitor
    {
        public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase) { "inserted", "deleted" };

        /// <summary>Each (column, parameter) a statement compares, assigns or inserts together.</summary>
        public List<(string Column, string Parameter)> ParameterColumns { get; } = [];

        public override void Visit(BooleanComparisonExpression node)
        {
            Pair(node.FirstExpression, node.SecondExpression);
            Pair(node.SecondExpression, node.FirstExpression);
        }

        public override void Visit(AssignmentSetClause node) => Pair(node.Column, node.NewValue);

        public override void Visit(InsertSpecification node) => Pairs(node.Columns, node.InsertSource);

        public override void Visit(InsertMergeAction node) => Pairs(node.Columns, node.Source);

        private void Pairs(IList<ColumnReferenceExpression> columns, InsertSource? source)
        {
            if (source is ValuesInsertSource { RowValues: [var row, ..] })
            {
                for (var i = 0; i < Math.Min(columns.Count, row.ColumnValues.Count); i++)
                {
                    Pair(columns[i], row.ColumnValues[i]);
                }
            }
            else if (source is SelectInsertSource { Select: QuerySpecification query })
            {
                // INSERT ... SELECT @a, @b ... WHERE NOT EXISTS (...): the selected values pair with the columns in order.
                for (var i = 0; i < Math.Min(columns.Count, query.SelectElements.Count); i++)
                {
                    Pair(columns[i], (query.SelectElements[i] as SelectScalarExpression)?.Expression);
                }
            }
        }

        private void Pair(ScalarExpression? column, ScalarExpression? value)
        {
            if (column is ColumnReferenceExpression { MultiPartIdentifier.Count: > 0 } c && value is VariableReference v)
            {
                ParameterColumns.Add((c.MultiPartIdentifier.Identifiers[^1].Value, v.Name.TrimStart('@')));
            }
        }

        public override void Visit(NamedTableReference node)
        {
            Tables.Add(node.SchemaObject.BaseIdentifier.Value);
            if (node.Alias is { } alias)
            {
                Aliases.Add(alias.Value);
            }
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias)
            {
                Aliases.Add(alias);
            }
        }

        public override void Visit(QueryDerivedTable node)
        {
            if (node.Alias is { } alias)
            {
                Aliases.Add(alias.Value);
            }

            foreach (var column in node.Columns)
            {
                Aliases.Add(column.Value);
            }
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is { Count: > 0 } id)
            {
                Columns.Add(id.Identifiers[^1].Value);
            }
        }
    }
}

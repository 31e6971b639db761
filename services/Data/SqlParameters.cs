using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Data;
using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Socialtjanst.Data;

/// <summary>
/// The parameters of every statement the stores send. Dapper sends a .NET string as nvarchar; against the
/// suite's CHAR and VARCHAR columns (kommun codes, ids, request ids, ISO dates and times, methods: all
/// ASCII) SQL Server would then convert the column (CONVERT_IMPLICIT) and an index seek would become a
/// scan. The parameters named in <see cref="Ansi"/> are sent as varchar; every other string stays
/// nvarchar (bodies, case references, names, the access log's subjects and resources, which may hold
/// any letter). An architecture test checks this list against the columns each parameter meets in the
/// SQL Server schema, statement by statement.
/// </summary>
public static class SqlParameters
{
    /// <summary>The parameter names sent as varchar (compared case-insensitively, as SQL Server does).</summary>
    public static readonly FrozenSet<string> Ansi = new[]
    {
        "code", "MunicipalityCode", "requestId", "method", "requestHash", "createdAt",
        "interventionId", "versionId", "ValidFrom", "ValidTo", "Access", "day", "from", "to", "since",
        "decisionId", "id", "afterId", "DecisionId", "DecisionDate", "NextDue", "afterDue", "before",
        "ExecutionDeadline", "ExecutedOn", "InterruptionDeadline", "ClosedOn", "registeredAt", "recordedAt", "kind",
        "OccurredAt", "Service", "Outcome", "cutoff", "writtenAt", "writtenBy", "afterVersion", "firstId", "lastId", "lower",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly ConcurrentDictionary<System.Type, PropertyInfo[]> Properties = new();

    /// <summary>The values of an object's properties as parameters, each string typed by <see cref="Ansi"/>.</summary>
    public static DynamicParameters Of(object values)
    {
        var parameters = new DynamicParameters();
        foreach (var property in Properties.GetOrAdd(values.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            parameters.With(property.Name, property.GetValue(values));
        }

        return parameters;
    }

    /// <summary>Adds one parameter, a string typed by <see cref="Ansi"/>.</summary>
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        if (Ansi.Contains(name) && value is string or null)
        {
            parameters.Add(name, value, DbType.AnsiString);
        }
        else
        {
            parameters.Add(name, value);
        }

        return parameters;
    }

    /// <summary>A parameter of a hand-made command (the bulk insert), typed the same way.</summary>
    public static DbParameter Add(DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (Ansi.Contains(name.TrimStart('@')))
        {
            parameter.DbType = DbType.AnsiString;
        }

        command.Parameters.Add(parameter);
        return parameter;
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Socialtjanst.Data;

namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>
/// SERVING while the service's own database answers a trivial query within two seconds (readiness: a pod
/// that cannot reach its database leaves the Service's endpoints). Says why when it turns, once, by the
/// error's type and number, and once when the database is back.
/// </summary>
public sealed partial class DatabaseHealthCheck(DbConnectionFactory db, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    // Health checks are made anew for each probe: whether the last one failed is kept per database (one
    // process may host several services, each with its own).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnectionFactory, System.Runtime.CompilerServices.StrongBox<int>> Down = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = Down.GetValue(db, _ => new System.Runtime.CompilerServices.StrongBox<int>());
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var connection = await db.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            if (Interlocked.Exchange(ref down.Value, 0) == 1)
            {
                LogBack(logger);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref down.Value, 1) == 0)
            {
                LogDown(logger, DatabaseFaults.Describe(ex));
            }

            return new HealthCheckResult(context.Registration.FailureStatus, "Databasen svarar inte.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Not ready: the database does not answer ({Fault}); readiness is NOT_SERVING until it does")]
    private static partial void LogDown(ILogger logger, string fault);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready again: the database answers")]
    private static partial void LogBack(ILogger logger);
}

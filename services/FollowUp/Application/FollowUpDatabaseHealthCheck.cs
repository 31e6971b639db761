using Microsoft.Extensions.Diagnostics.HealthChecks;
using Socialtjanst.FollowUp.Storage;

namespace Socialtjanst.FollowUp.Application;

/// <summary>SERVING while FollowUp's database answers: without it nothing can be registered or listed.</summary>
public sealed class FollowUpDatabaseHealthCheck(FollowUpStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await store.RulesAppliedAsync("0000", timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Databasen svarar inte.");
        }
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// Readiness of the decision log: ready while its queue has room. The database may be away for a while (the
/// queue holds the answers); when the queue is nine tenths full the pod leaves the Service's endpoints, before
/// a check would have to wait for room.
/// </summary>
public sealed class DecisionLogHealthCheck(DecisionLog log) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(log.Fill switch
        {
            >= 0.9 => HealthCheckResult.Unhealthy("Beslutsloggens kö är nästan full."),
            >= 0.1 => HealthCheckResult.Degraded("Beslutsloggen ligger efter."),
            _ => HealthCheckResult.Healthy(),
        });
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Socialtjanst.Catalog.Storage;

namespace Socialtjanst.Catalog.Application;

/// <summary>SERVING while the Catalog's database answers; the cache alone cannot take writes.</summary>
public sealed class CatalogDatabaseHealthCheck(CatalogStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await store.RevisionsAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Databasen svarar inte.");
        }
    }
}

using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Settings;

namespace Socialtjanst.CatalogReplica;

public static class CatalogReplicaExtensions
{
    /// <summary>The gRPC health service name that reports whether every kommun's stream is live.</summary>
    public const string FreshnessService = "socialtjanst.catalog.replica";

    private const string FreshnessTag = "catalog-freshness";

    /// <summary>
    /// Adds the replica, its worker and its health: the service is SERVING, and /health/ready answers, while it has a
    /// catalog to answer from (Degraded when a stream is down: it stays in the load balancer and its answers say the
    /// copy may be stale); the named service socialtjanst.catalog.replica is NOT_SERVING while any kommun's copy is
    /// not live (monitoring, never readiness).
    /// </summary>
    public static WebApplicationBuilder AddCatalogReplica(this WebApplicationBuilder builder)
    {
        var options = builder.AddSettings<CatalogReplicaOptions>();
        if (options.CatalogAddress.Length == 0)
        {
            throw ProductionSettings.Missing(builder, "CatalogReplica:CatalogAddress", "where the Catalog is");
        }

        if (options.Token.Length == 0 && (options.TokenEndpoint.Length == 0 || options.ClientId.Length == 0
            || (options.ClientSecret.Length == 0 && options.ClientSecretFile.Length == 0)))
        {
            throw ProductionSettings.Missing(builder, "CatalogReplica:TokenEndpoint, ClientId and ClientSecretFile",
                "the service's own identity at the identity provider (or, in development, CatalogReplica:Token)");
        }

        builder.Refuse(c => !string.IsNullOrEmpty(c["CatalogReplica:Token"]) && string.IsNullOrEmpty(c["CatalogReplica:TokenEndpoint"])
                && !c.GetValue("CatalogReplica:AllowStaticToken", false),
            "CatalogReplica:Token", "a static long-lived token; use the identity provider (TokenEndpoint), or set CatalogReplica:AllowStaticToken=true");

        var replica = new CatalogReplica(options);
        replica.LoadPersisted();
        builder.Services.AddSingleton(replica);
        builder.Services.AddSingleton(sp => new ServiceTokens(options, sp.GetRequiredService<TimeProvider>(), new HttpClient { Timeout = options.CallDeadline }));
        builder.Services.AddHostedService<CatalogReplicationWorker>();
        if (options.SettleAfterStart)
        {
            builder.Services.AddSettleAfterStart(() => replica.AllLive || (replica.Discovered && replica.Municipalities.Count == 0));
        }
        builder.Services.AddHealthChecks()
            .AddCheck("catalog-replica", () => replica.Municipalities.Count == 0
                ? replica.Discovered ? HealthCheckResult.Healthy("Katalogen har ännu inga kommuner.") : HealthCheckResult.Unhealthy("Ingen katalog har tagits emot.")
                : replica.AllLive ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("Katalogen kan vara inaktuell."))
            .AddCheck("catalog-replica-live", () => replica.AllLive ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Katalogströmmen är nere."), tags: [FreshnessTag, Hosting.ServiceDefaults.InformationalTag]);
        builder.Services.Configure<GrpcHealthChecksOptions>(o =>
        {
            o.Services.Map(FreshnessService, r => r.Tags.Contains(FreshnessTag));
        });
        return builder;
    }
}

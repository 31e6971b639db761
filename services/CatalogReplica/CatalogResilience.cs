using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Socialtjanst.CatalogReplica;

/// <summary>
/// The resilience pipeline of every call from a service to the Catalog (one instance per Catalog,
/// shared by all kommuner's streams, so the circuit sees all of its traffic):
/// retry only UNAVAILABLE, with jittered exponential backoff (other codes are answers, not
/// faults); a circuit that opens when half of at least four attempts in 30 s failed with
/// UNAVAILABLE, DEADLINE_EXCEEDED or a timeout, and stays open for <see cref="CatalogReplicaOptions.BreakDuration"/>;
/// and a timeout per attempt.
/// </summary>
public static class CatalogResilience
{
    public static ResiliencePipeline Build(CatalogReplicaOptions options, Action<ResiliencePipelineBuilder>? inner = null)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(ex => ex.StatusCode == StatusCode.Unavailable),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.InitialBackoff,
                MaxDelay = options.MaxBackoff,
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<RpcException>(ex => ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
                    .Handle<TimeoutRejectedException>(),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.CallDeadline);
        inner?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>True for the faults the pipeline gave up on (the Catalog is away), as opposed to answers.</summary>
    public static bool IsOutage(Exception ex) => ex is BrokenCircuitException or TimeoutRejectedException
        || ex is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded };
}

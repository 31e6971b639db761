using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Hosting.Limits;

/// <summary>
/// Applies <see cref="CallLimitOptions"/> to every authenticated call. The answer over a limit is
/// RESOURCE_EXHAUSTED (never UNAVAILABLE, which clients retry at once) with google.rpc.RetryInfo
/// and QuotaFailure naming which limit, never the caller.
/// </summary>
public sealed partial class CallLimitsInterceptor : Interceptor, IDisposable
{
    private readonly CallLimitOptions options;
    private readonly ILogger<CallLimitsInterceptor> logger;
    private readonly FleetShare fleet;
    private Limiters limiters;

    /// <summary>Refused calls by limit, kommun and method: ops watch this, not the log (a flood would flood it).</summary>
    private static readonly Counter<long> Refused = new Meter(Telemetry.HostingMeter).CreateCounter<long>("socialtjanst.calls.refused", description: "Calls refused by a call limit");

    /// <summary>This replica's buckets, sized to its share of the fleet's limits; replaced when the fleet's size changes.</summary>
    private sealed class Limiters(CallLimitOptions options, FleetShare fleet) : IDisposable
    {
        public PartitionedRateLimiter<string> MunicipalityRate { get; } = Buckets<string>(fleet.Share(options.MunicipalityPerSecond), fleet.Share(options.MunicipalityBurst));

        /// <summary>Per kommun and subject (the token's sub): a pair, not a string joined per call.</summary>
        public PartitionedRateLimiter<(string Code, string Subject)> CallerRate { get; } = Buckets<(string, string)>(fleet.Share(options.CallerPerSecond), fleet.Share(options.CallerBurst));

        public PartitionedRateLimiter<string> MunicipalityConcurrency { get; } = Concurrency(fleet.Share(options.MunicipalityConcurrency));

        public void Dispose()
        {
            MunicipalityRate.Dispose();
            CallerRate.Dispose();
            MunicipalityConcurrency.Dispose();
        }
    }

    public CallLimitsInterceptor(CallLimitOptions options, FleetShare fleet, ILogger<CallLimitsInterceptor> logger)
    {
        this.options = options;
        this.logger = logger;
        this.fleet = fleet;
        limiters = new Limiters(options, fleet);
        fleet.Changed += Resize;
    }

    private void Resize()
    {
        var old = Interlocked.Exchange(ref limiters, new Limiters(options, fleet));
        _ = Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ => old.Dispose(), TaskScheduler.Default); // calls in flight finish on the old ones
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!options.Enabled || Municipality(context) is not { } code)
        {
            return continuation(request, context); // nothing to hold: no frame of its own
        }

        CheckRate(context, code);
        var slot = Volatile.Read(ref limiters).MunicipalityConcurrency.AttemptAcquire(code);
        if (!slot.IsAcquired)
        {
            slot.Dispose();
            throw Exhausted(context, "municipality-concurrency", "För många samtidiga anrop från kommunen.", TimeSpan.FromMilliseconds(100));
        }

        Task<TResponse> call;
        try
        {
            call = continuation(request, context);
        }
        catch
        {
            slot.Dispose();
            throw;
        }

        if (call.IsCompleted)
        {
            slot.Dispose(); // answered at once: the slot is given back without a state machine
            return call;
        }

        return ReleasedAfterAsync(call, slot);
    }

    private static async Task<TResponse> ReleasedAfterAsync<TResponse>(Task<TResponse> call, RateLimitLease slot)
    {
        using (slot)
        {
            return await call;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (options.Enabled && Municipality(context) is { } code)
        {
            CheckRate(context, code);
        }

        await continuation(request, responseStream, context);
    }

    private void CheckRate(ServerCallContext context, string code)
    {
        var current = Volatile.Read(ref limiters);
        using var kommun = current.MunicipalityRate.AttemptAcquire(code);
        if (!kommun.IsAcquired)
        {
            throw Exhausted(context, "municipality-rate", "Kommunens anropskvot är förbrukad för stunden.", RetryAfter(kommun));
        }

        var subject = context.GetHttpContext().User.FindFirst("sub")?.Value ?? "";
        using var caller = current.CallerRate.AttemptAcquire((code, subject));
        if (!caller.IsAcquired)
        {
            throw Exhausted(context, "caller-rate", "Anroparens anropskvot är förbrukad för stunden.", RetryAfter(caller));
        }
    }

    private static string? Municipality(ServerCallContext context)
    {
        var code = context.GetHttpContext().User.FindFirst(SuiteClaims.Municipality)?.Value;
        return string.IsNullOrEmpty(code) ? null : code;
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromMilliseconds(100);

    private RpcException Exhausted(ServerCallContext context, string limit, string message, TimeSpan retryAfter)
    {
        LogExhausted(logger, limit, context.Method);
        Refused.Add(1, new KeyValuePair<string, object?>("limit", limit), new KeyValuePair<string, object?>("method", context.Method));
        var status = new Google.Rpc.Status { Code = (int)Code.ResourceExhausted, Message = message };
        var quota = new QuotaFailure();
        quota.Violations.Add(new QuotaFailure.Types.Violation { Subject = limit, Description = message });
        status.Details.Add(Any.Pack(quota));
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
        return status.ToRpcException();
    }

    // The partitioners are asked on every call; their factories are made once here, so a call allocates no closure.
    private static PartitionedRateLimiter<TKey> Buckets<TKey>(int perSecond, int burst)
        where TKey : notnull
    {
        // Refilled at exactly perSecond, in steps about 100 ms apart: `step` tokens every step/perSecond seconds (2 000/s:
        // 200 every 100 ms; 5/s: one every 200 ms). A fixed 100 ms period with at least one token a step would refill a
        // small share (a kommun's 10/s over two replicas: 5/s each) at 10/s, and the fleet would admit twice the limit.
        var rate = Math.Max(1, perSecond);
        var step = Math.Max(1, (int)Math.Round(rate / 10.0));
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = step,
            ReplenishmentPeriod = TimeSpan.FromSeconds(step / (double)rate),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        Func<TKey, TokenBucketRateLimiterOptions> options = _ => bucket;
        return PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.GetTokenBucketLimiter(key, options));
    }

    private static PartitionedRateLimiter<string> Concurrency(int permits)
    {
        var limit = new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 };
        Func<string, ConcurrencyLimiterOptions> options = _ => limit;
        return PartitionedRateLimiter.Create<string, string>(code => RateLimitPartition.GetConcurrencyLimiter(code, options));
    }

    public void Dispose()
    {
        fleet.Changed -= Resize;
        limiters.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call refused by the {Limit} limit in {Method}")]
    private static partial void LogExhausted(ILogger logger, string limit, string method);
}

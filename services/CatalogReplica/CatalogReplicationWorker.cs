using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.CatalogReplica;

/// <summary>
/// Keeps <see cref="CatalogReplica"/> current: finds the kommuner, holds one watch stream per
/// kommun, resumes each from the last revision it has, and reconnects with jittered exponential
/// backoff (Polly) when the Catalog is away. Starts from the copies on disk.
/// </summary>
public sealed partial class CatalogReplicationWorker(CatalogReplica replica, CatalogReplicaOptions options, ILogger<CatalogReplicationWorker> logger)
    : BackgroundService
{
    private readonly Dictionary<string, Task> watches = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var channel = GrpcChannel.ForAddress(options.CatalogAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(15),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            },
            ServiceConfig = new ServiceConfig
            {
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { new MethodName { Service = "socialtjanst.catalog.v1.CatalogService", Method = "ListMunicipalities" } },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 3,
                            InitialBackoff = TimeSpan.FromMilliseconds(200),
                            MaxBackoff = TimeSpan.FromSeconds(2),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            },
        });
        var client = new CatalogService.CatalogServiceClient(channel);

        foreach (var code in replica.Municipalities)
        {
            StartWatch(client, code, stoppingToken);
        }

        using var timer = new PeriodicTimer(options.DiscoveryInterval);
        do
        {
            try
            {
                var list = await client.ListMunicipalitiesAsync(new ListMunicipalitiesRequest(), Headers(), DateTime.UtcNow + options.CallDeadline, stoppingToken);
                foreach (var m in list.Municipalities)
                {
                    StartWatch(client, MunicipalityCodes.ParseParentAcrossTenants(m.Name), stoppingToken);
                }
            }
            catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogDiscoveryFailed(logger, ex.StatusCode);
            }
        }
        while (await WaitAsync(timer, stoppingToken));

        await Task.WhenAll(watches.Values);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void StartWatch(CatalogService.CatalogServiceClient client, string code, CancellationToken stoppingToken)
    {
        if (!watches.ContainsKey(code))
        {
            watches[code] = Task.Run(() => WatchForeverAsync(client, code, stoppingToken), stoppingToken);
        }
    }

    private async Task WatchForeverAsync(CatalogService.CatalogServiceClient client, string code, CancellationToken stoppingToken)
    {
        var reconnect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => !stoppingToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.InitialBackoff,
                MaxDelay = options.MaxBackoff,
                OnRetry = args =>
                {
                    replica.SetLive(code, false);
                    LogStreamLost(logger, code, args.AttemptNumber, args.Outcome.Exception?.GetType().Name ?? "-");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Each pass that received something starts the backoff afresh.
                await reconnect.ExecuteAsync(async ct => await WatchOnceAsync(client, code, ct), stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the stream was cancelled on purpose.
            }
        }

        replica.SetLive(code, false);
    }

    /// <summary>One stream: returns normally if it delivered anything before it ended; throws otherwise.</summary>
    private async Task WatchOnceAsync(CatalogService.CatalogServiceClient client, string code, CancellationToken ct)
    {
        var since = replica.Get(code)?.Revision ?? 0;
        using var call = client.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/" + code, SinceRevision = since }, Headers(), cancellationToken: ct);
        var snapshot = since == 0 ? new List<WatchCatalogResponse>() : null;
        var received = false;
        try
        {
            if (since > 0)
            {
                replica.SetLive(code, true);
            }

            while (await call.ResponseStream.MoveNext(ct))
            {
                received = true;
                var message = call.ResponseStream.Current;
                if (snapshot is not null)
                {
                    if (message.SnapshotComplete is null)
                    {
                        snapshot.Add(message);
                        continue;
                    }

                    replica.Replace(new CatalogSnapshot(code, message.Revision,
                        snapshot.Where(m => m.Intervention is not null).Select(m => m.Intervention),
                        snapshot.Where(m => m.Rules is not null).Select(m => m.Rules)));
                    replica.SetLive(code, true);
                    snapshot = null;
                    continue;
                }

                replica.Apply(code, [message]);
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument && since > 0)
        {
            // The Catalog no longer knows our revision (a restored database): start over from a snapshot.
            replica.Replace(CatalogSnapshot.Empty(code), persist: false);
            throw;
        }
        catch (Exception) when (received && !ct.IsCancellationRequested)
        {
            replica.SetLive(code, false);
            return;
        }

        if (!received)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The watch ended without a message."));
        }
    }

    private Metadata Headers() => new() { { "Authorization", "Bearer " + options.Token } };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog discovery failed: {StatusCode}")]
    private static partial void LogDiscoveryFailed(ILogger logger, StatusCode statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog stream for kommun {Municipality} lost (attempt {Attempt}, {ExceptionType}); serving the last-known-good copy")]
    private static partial void LogStreamLost(ILogger logger, string municipality, int attempt, string exceptionType);
}

using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.CatalogReplica;

/// <summary>
/// Keeps <see cref="CatalogReplica"/> current: finds the kommuner, holds one watch stream per
/// kommun and resumes each from the last revision it has. Every call to the Catalog goes through
/// <see cref="CatalogResilience"/> (retry on UNAVAILABLE, circuit breaker, timeout) and carries a
/// deadline. While the Catalog is away the last-known-good copy answers; it starts from the copies
/// on disk.
/// </summary>
public sealed partial class CatalogReplicationWorker(CatalogReplica replica, CatalogReplicaOptions options, ServiceTokens tokens, ILogger<CatalogReplicationWorker> logger, TimeProvider clock)
    : BackgroundService
{
    private readonly Dictionary<string, Task> watches = new(StringComparer.Ordinal);

    // Per kommun: since when its stream is down and how many attempts failed. One Error when it goes
    // down, one Information when it is back with the count; the attempts in between log at Debug, so
    // an outage does not flood the log and hide its first, useful line.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Outage> outages = new(StringComparer.Ordinal);

    private sealed class Outage(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public int Failures;
    }
    private readonly ResiliencePipeline pipeline = CatalogResilience.Build(options);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var channel = CatalogTransport.Channel(options);
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
                var list = await pipeline.ExecuteAsync(
                    async ct => await client.ListMunicipalitiesAsync(new ListMunicipalitiesRequest(), await HeadersAsync(ct), clock.GetUtcNow().UtcDateTime + options.CallDeadline, ct),
                    stoppingToken);
                foreach (var m in list.Municipalities)
                {
                    StartWatch(client, MunicipalityCodes.ParseParentAcrossTenants(m.Name), stoppingToken);
                }

                replica.MarkDiscovered();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogDiscoveryFailed(logger, Describe(ex));
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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Returns when a stream ends after it was established (its deadline, the Catalog's
                // shutdown): resume at once, through the pipeline.
                await WatchOnceAsync(client, code, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (CatalogResilience.IsOutage(ex))
            {
                // The pipeline gave up or the circuit is open: the Catalog is away.
                replica.SetLive(code, false);
                Down(code, Describe(ex), refused: false);
                await DelayAsync(Jitter(options.BreakDuration), stoppingToken);
            }
            catch (Exception ex)
            {
                // An answer, not an outage (a refused token, a bug): do not hammer; ops must look.
                replica.SetLive(code, false);
                Down(code, Describe(ex), refused: true);
                await DelayAsync(options.RefusedBackoff, stoppingToken);
            }
        }

        replica.SetLive(code, false);
    }

    /// <summary>One stream: established through the pipeline (headers within the call deadline),
    /// then read until it ends. Throws when it could not be established.</summary>
    private async Task WatchOnceAsync(CatalogService.CatalogServiceClient client, string code, CancellationToken stoppingToken)
    {
        var since = replica.Get(code)?.Revision ?? 0;
        var request = new WatchCatalogRequest { Parent = "municipalities/" + code, SinceRevision = since };
        using var call = await pipeline.ExecuteAsync(async attempt =>
        {
            var started = client.WatchCatalog(request, await HeadersAsync(attempt), clock.GetUtcNow().UtcDateTime + options.StreamLifetime, stoppingToken);
            try
            {
                await started.ResponseHeadersAsync.WaitAsync(attempt);
                return started;
            }
            catch
            {
                started.Dispose();
                throw;
            }
        }, stoppingToken);

        if (outages.TryRemove(code, out var outage))
        {
            LogStreamBack(logger, code, outage.Failures, (int)(clock.GetUtcNow() - outage.Since).TotalSeconds);
        }

        if (since > 0)
        {
            replica.SetLive(code, true);
        }

        var snapshot = since == 0 ? new List<WatchCatalogResponse>() : null;
        var batch = new List<WatchCatalogResponse>();
        try
        {
            while (await call.ResponseStream.MoveNext(stoppingToken))
            {
                var message = call.ResponseStream.Current;
                if (snapshot is null)
                {
                    // A batch of changes is applied and persisted once, at its marker: one rebuild and one
                    // fsync per batch, not per message (an import of 30 insatser is one batch).
                    batch.Add(message);
                    if (message.ChangesComplete is not null)
                    {
                        replica.Apply(code, batch);
                        batch.Clear();
                    }
                }
                else if (message.SnapshotComplete is null)
                {
                    snapshot.Add(message);
                }
                else
                {
                    replica.Replace(new CatalogSnapshot(code, message.Revision,
                        snapshot.Where(m => m.Intervention is not null).Select(m => m.Intervention),
                        snapshot.Where(m => m.Rules is not null).Select(m => m.Rules)));
                    replica.SetLive(code, true);
                    snapshot = null;
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument && since > 0)
        {
            // The Catalog no longer knows our revision (a restored database): start over from a snapshot.
            replica.Replace(CatalogSnapshot.Empty(code), persist: false);
        }
        catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The stream broke after it was established (deadline, Catalog gone): resume.
            LogStreamEnded(logger, code, Describe(ex));
        }

        replica.SetLive(code, false);
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Down(string code, string reason, bool refused)
    {
        var outage = outages.GetOrAdd(code, _ => new Outage(clock.GetUtcNow()));
        if (Interlocked.Increment(ref outage.Failures) > 1)
        {
            LogStillDown(logger, code, outage.Failures, reason);
        }
        else if (refused)
        {
            LogStreamRefused(logger, code, reason);
        }
        else
        {
            LogStreamLost(logger, code, reason);
        }
    }

    // A status or a type, never a message (which can quote an address or a value); the token endpoint's HTTP status says why it refused.
    private static string Describe(Exception ex) => ex switch
    {
        RpcException rpc => rpc.StatusCode.ToString(),
        HttpRequestException { StatusCode: { } status } => $"{nameof(HttpRequestException)} {(int)status}",
        HttpRequestException { HttpRequestError: var error } => $"{nameof(HttpRequestException)} {error}",
        _ => ex.GetType().Name,
    };

    private async Task<Metadata> HeadersAsync(CancellationToken ct) => new() { { "Authorization", "Bearer " + await tokens.GetAsync(ct) } };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog discovery failed: {Reason}")]
    private static partial void LogDiscoveryFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catalog away for kommun {Municipality} ({Reason}); serving the last-known-good copy until it is back")]
    private static partial void LogStreamLost(ILogger logger, string municipality, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catalog refused the stream for kommun {Municipality} ({Reason}); serving the last-known-good copy")]
    private static partial void LogStreamRefused(ILogger logger, string municipality, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Catalog still away for kommun {Municipality}: {Failures} attempts so far ({Reason})")]
    private static partial void LogStillDown(ILogger logger, string municipality, int failures, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog back for kommun {Municipality} after {Failures} failed attempts in {Seconds} s")]
    private static partial void LogStreamBack(ILogger logger, string municipality, int failures, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog stream for kommun {Municipality} ended ({Reason}); resuming")]
    private static partial void LogStreamEnded(ILogger logger, string municipality, string reason);
}

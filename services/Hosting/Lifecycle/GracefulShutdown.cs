using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>
/// Graceful shutdown: on the stop signal health turns NOT_SERVING at once; the service keeps
/// answering for the drain delay; then streams are ended (<see cref="Drained"/>) and Kestrel stops
/// taking connections and waits for the calls in progress.
/// </summary>
public sealed partial class GracefulShutdown(IHostApplicationLifetime lifetime, ShutdownOptions options, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService, IHealthCheck, IDisposable
{
    private readonly CancellationTokenSource drained = new();
    private volatile bool draining;

    /// <summary>True from the stop signal on.</summary>
    public bool Draining => draining || lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Cancelled when the drain delay is over: long-lived streams end then.</summary>
    public CancellationToken Drained => drained.Token;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Draining ? HealthCheckResult.Unhealthy("Tjänsten stängs.") : HealthCheckResult.Healthy());

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        LogDraining(logger, options.DrainDelay.TotalMilliseconds);
        try
        {
            await Task.Delay(options.DrainDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await drained.CancelAsync();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => drained.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: health is NOT_SERVING; draining for {DrainMilliseconds} ms")]
    private static partial void LogDraining(ILogger logger, double drainMilliseconds);
}

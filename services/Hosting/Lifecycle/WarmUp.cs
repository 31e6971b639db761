using Microsoft.Extensions.Hosting;

namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>
/// Loads something slow to build (a lexicon, a table) in the background as the service starts, so the
/// first call does not pay for it. Start does not wait: a call that comes first waits on the load itself.
/// </summary>
public sealed class WarmUp(Action load) : IHostedService
{
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the load has run (whether or not it threw: a call that needs it will see the error).</summary>
    public Task Loaded => loaded.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() =>
        {
            try
            {
                load();
            }
            finally
            {
                loaded.TrySetResult();
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;

namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>
/// Loads something slow to build (a lexicon, a table) in the background as the service starts, so the
/// first call does not pay for it. Start does not wait: a call that comes first waits on the load itself.
/// </summary>
public sealed class WarmUp(Action load) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(load, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>
/// Once the service holds what its start loads (every <see cref="WarmUp"/> done and <c>ready</c> true, or after two
/// minutes at most), one full compacting garbage collection in the aggressive mode, which gives the memory it frees back
/// to the system: a replica then idles at what it holds, not at what its start allocated (bench/README.md, replica).
/// </summary>
public sealed class SettleAfterStart(Func<bool> ready, IServiceProvider services, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        var warmUps = Task.WhenAll(services.GetServices<IHostedService>().OfType<WarmUp>().Select(w => w.Loaded));
        await Task.WhenAny(warmUps, Task.Delay(Longest, time, stoppingToken)).ConfigureAwait(false);
        while (!ready() && time.GetElapsedTime(started) < Longest)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, stoppingToken).ConfigureAwait(false);
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Socialtjanst.Hosting.Lifecycle;

public static class WarmUpExtensions
{
    /// <summary>Runs <paramref name="load"/> in the background when the service starts.</summary>
    public static IServiceCollection AddWarmUp(this IServiceCollection services, Action load) =>
        services.AddSingleton<IHostedService>(new WarmUp(load));

    /// <summary>One full collection that gives the start's garbage back once every warm-up is done and <paramref name="ready"/> holds (<see cref="SettleAfterStart"/>).</summary>
    public static IServiceCollection AddSettleAfterStart(this IServiceCollection services, Func<bool> ready) =>
        services.AddSingleton<IHostedService>(sp => new SettleAfterStart(ready, sp, sp.GetRequiredService<TimeProvider>()));
}

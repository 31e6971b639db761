using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Socialtjanst.Hosting.Lifecycle;

public static class WarmUpExtensions
{
    /// <summary>Runs <paramref name="load"/> in the background when the service starts.</summary>
    public static IServiceCollection AddWarmUp(this IServiceCollection services, Action load) =>
        services.AddSingleton<IHostedService>(new WarmUp(load));
}

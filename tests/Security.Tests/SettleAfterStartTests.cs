using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.Security.Tests;

/// <summary>The collection after start waits for every warm-up and for the service to hold what it loads, then runs once.</summary>
public class SettleAfterStartTests
{
    [Fact]
    public async Task Collects_OnlyAfterEveryWarmUpAndReadiness()
    {
        using var release = new ManualResetEventSlim();
        var warmUp = new WarmUp(() => release.Wait(TimeSpan.FromSeconds(30)));
        var ready = 0;
        await using var services = new ServiceCollection().AddSingleton<IHostedService>(warmUp).BuildServiceProvider();
        using var settle = new SettleAfterStart(() => Volatile.Read(ref ready) == 1, services, TimeProvider.System);
        await warmUp.StartAsync(CancellationToken.None);
        var before = GC.CollectionCount(GC.MaxGeneration);

        await settle.StartAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.False(settle.ExecuteTask!.IsCompleted); // a warm-up still loading

        release.Set();
        await warmUp.Loaded.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(600);
        Assert.False(settle.ExecuteTask.IsCompleted); // loaded, but the service does not yet hold its catalogs

        Volatile.Write(ref ready, 1);
        await settle.ExecuteTask.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
    }
}

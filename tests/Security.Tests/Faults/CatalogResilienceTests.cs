using Polly.CircuitBreaker;
using Polly.Simmy;
using Polly.Timeout;
using Socialtjanst.CatalogReplica;

using Status = Grpc.Core.Status;

namespace Socialtjanst.Security.Tests.Faults;

/// <summary>The pipeline every call to the Catalog goes through, under injected faults (Polly's chaos strategies).</summary>
public sealed class CatalogResilienceTests
{
    private static CatalogReplicaOptions Options(int retries = 4, int backoffMilliseconds = 5) => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(backoffMilliseconds),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        MaxRetries = retries,
        BreakDuration = TimeSpan.FromMilliseconds(500),
        CallDeadline = TimeSpan.FromMilliseconds(200),
    };

    private static RpcException Fault(StatusCode code) => new(new Status(code, "injected"));

    [Theory]
    [InlineData(StatusCode.Unavailable, 3)]
    [InlineData(StatusCode.PermissionDenied, 1)]
    [InlineData(StatusCode.Unauthenticated, 1)]
    [InlineData(StatusCode.InvalidArgument, 1)]
    [InlineData(StatusCode.Internal, 1)]
    [InlineData(StatusCode.DeadlineExceeded, 1)]
    public async Task OnlyUnavailable_IsRetried(StatusCode code, int expectedAttempts)
    {
        var pipeline = CatalogResilience.Build(Options());
        var attempts = 0;
        var result = await Record.ExceptionAsync(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return attempts <= 2 ? throw Fault(code) : ValueTask.FromResult(42);
        }));
        Assert.Equal(expectedAttempts, attempts);
        Assert.Equal(code == StatusCode.Unavailable, result is null);
    }

    [Fact]
    public async Task RetriesBackOffWithJitter()
    {
        // Two pipelines meeting the same faults wait differently: the backoff is jittered, so
        // replicas that lost the Catalog together do not return in lockstep.
        var gaps = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var pipeline = CatalogResilience.Build(Options(backoffMilliseconds: 40));
            var stamps = new List<long>();
            await pipeline.ExecuteAsync(_ =>
            {
                stamps.Add(Environment.TickCount64);
                return stamps.Count < 3 ? throw Fault(StatusCode.Unavailable) : ValueTask.CompletedTask;
            });
            gaps.Add(stamps[2] - stamps[0]);
        }

        Assert.All(gaps, g => Assert.InRange(g, 10, 2000));
        Assert.True(gaps.Distinct().Count() > 1, "every run waited exactly as long: no jitter");
    }

    [Fact]
    public async Task TheCircuitOpens_WhenTheCatalogKeepsFailing_AndClosesWhenItAnswers()
    {
        var pipeline = CatalogResilience.Build(Options(retries: 0));
        var calls = 0;
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await pipeline.ExecuteAsync(_ =>
            {
                calls++;
                throw Fault(StatusCode.Unavailable);
            }));
        }

        // Open: refused at once, the Catalog is not called.
        var open = await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        }));
        Assert.True(CatalogResilience.IsOutage(open));
        Assert.Equal(4, calls);

        // After the break a trial call goes through and closes it.
        await Task.Delay(600);
        await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        });
        await pipeline.ExecuteAsync(_ => ValueTask.CompletedTask);
        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task ASlowCatalog_TimesOut_AndCountsAsAnOutage()
    {
        var pipeline = CatalogResilience.Build(Options());
        var ex = await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await pipeline.ExecuteAsync(async ct => await Task.Delay(TimeSpan.FromSeconds(5), ct)));
        Assert.True(CatalogResilience.IsOutage(ex));
    }

    [Fact]
    public async Task InjectedUnavailableFaults_AreAbsorbed_AndInjectedLatency_IsCutOff()
    {
        var random = new Random(7);
        var injected = 0;
        var pipeline = CatalogResilience.Build(Options(), b => b
            .AddChaosFault(new Polly.Simmy.Fault.ChaosFaultStrategyOptions
            {
                InjectionRate = 0.2,
                Randomizer = random.NextDouble,
                FaultGenerator = _ =>
                {
                    injected++;
                    return ValueTask.FromResult<Exception?>(Fault(StatusCode.Unavailable));
                },
            }));
        var answered = 0;
        for (var i = 0; i < 300; i++)
        {
            try
            {
                answered += await pipeline.ExecuteAsync(_ => ValueTask.FromResult(1));
            }
            catch (Exception ex)
            {
                // Five faults in a row, or an open circuit: reported as an outage, never as an answer.
                Assert.True(CatalogResilience.IsOutage(ex), ex.GetType().Name);
            }
        }

        Assert.InRange(injected, 40, 150);
        Assert.True(answered >= 295, $"{answered} of 300 answered with {injected} faults injected");

        var slow = CatalogResilience.Build(Options(), b => b.AddChaosLatency(1.0, TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await slow.ExecuteAsync(_ => ValueTask.FromResult(1)));
    }
}

using System.Collections.Concurrent;
using Grpc.Health.V1;
using Socialtjanst.FollowUp.V1;

namespace Socialtjanst.Security.Tests.Faults;

/// <summary>
/// A service told to stop turns NOT_SERVING at once, keeps answering for the drain delay, and
/// lets every call in progress finish before it goes.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_TurnsHealthNotServing_ThenDrainsEveryCallInProgress()
    {
        await using var stack = await SuiteStack.StartAsync(settings: new Dictionary<string, string?> { ["Shutdown:DrainDelay"] = "00:00:01.500" });
        var client = new FollowUpService.FollowUpServiceClient(stack.Invoker("FollowUp", stack.Token("2514", "verksamhetssystem")));
        var health = new Health.HealthClient(stack.Channel("FollowUp"));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        // Load: writers register decisions one at a time; one big batch is in flight when the stop comes.
        var results = new ConcurrentBag<(DateTime Started, StatusCode Code)>();
        using var stopLoad = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                var started = DateTime.UtcNow;
                try
                {
                    await client.RegisterDecisionAsync(Register(1)[0]);
                    results.Add((started, StatusCode.OK));
                }
                catch (RpcException ex)
                {
                    results.Add((started, ex.StatusCode));
                }
            }
        })).ToList();
        await Task.Delay(300);
        var batch = new BatchRegisterDecisionsRequest { Parent = "municipalities/2514", RequestId = Guid.NewGuid().ToString() };
        batch.Requests.AddRange(Register(1000));
        var inFlight = client.BatchRegisterDecisionsAsync(batch).ResponseAsync;

        var stopSignal = DateTime.UtcNow;
        var stopping = stack.StopAsync("FollowUp");
        await Task.Delay(200);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        // Calls started during the drain are taken and answered (below: every one started in its first second is OK),
        // though on a loaded machine they may finish after it, queued behind the batch's write.

        await stopping;
        stopLoad.Cancel();
        await Task.WhenAll(writers);

        Assert.Equal(1000, (await inFlight).Decisions.Count);
        var beforeStop = results.Where(r => r.Started < stopSignal).ToList();
        Assert.NotEmpty(beforeStop);
        Assert.All(beforeStop, r => Assert.Equal(StatusCode.OK, r.Code));
        var drained = results.Where(r => r.Started >= stopSignal && r.Started < stopSignal.AddSeconds(1)).ToList();
        Assert.NotEmpty(drained);
        Assert.All(drained, r => Assert.Equal(StatusCode.OK, r.Code));
        // After the drain the service is gone: callers get UNAVAILABLE and go to another instance.
        Assert.All(results.Where(r => r.Code != StatusCode.OK), r => Assert.Equal(StatusCode.Unavailable, r.Code));
    }

    private static List<RegisterDecisionRequest> Register(int count) => Enumerable.Range(0, count).Select(_ => new RegisterDecisionRequest
    {
        Parent = "municipalities/2514",
        RequestId = Guid.NewGuid().ToString(),
        Decision = new FollowUp.V1.Decision
        {
            CaseReference = TestCaseReferences.Next("KX"),
            Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
            DecisionDate = D.Of(2025, 9, 1),
        },
    }).ToList();
}

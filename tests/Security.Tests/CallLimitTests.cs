using Socialtjanst.Documentation.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// Call limits per kommun and per caller answer RESOURCE_EXHAUSTED with a retry delay, and one
/// kommun's flood leaves another kommun's calls untouched. Message size limits hold.
/// </summary>
public sealed class CallLimitTests
{
    private static CheckEligibilityRequest Check(string code) => new()
    {
        Intervention = code == "2514" ? "municipalities/2514/interventions/bra-samtal" : "municipalities/1489/interventions/familjeradgivning",
        AsOf = D.Of(2025, 10, 1),
        Facts = new Facts { StatedAge = 30 },
    };

    [Fact]
    public async Task ACallerOverItsRate_IsToldToWait_WhileAnotherCallerOfTheSameKommunIsServed()
    {
        await using var stack = await SuiteStack.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CallLimits:CallerPerSecond"] = "20",
            ["CallLimits:CallerBurst"] = "20",
        });
        var flooder = new EligibilityService.EligibilityServiceClient(stack.Invoker("Eligibility", stack.Token("2514", "portal-a")));
        var neighbour = new EligibilityService.EligibilityServiceClient(stack.Invoker("Eligibility", stack.Token("2514", "portal-b")));

        var refused = await FloodAsync(flooder, "2514", 100);
        Assert.InRange(refused.Count, 30, 80); // 20 at once, then 2 per 100 ms
        var first = refused[0];
        Assert.Equal(StatusCode.ResourceExhausted, first.StatusCode);
        var details = first.GetRpcStatus()!;
        Assert.Equal("caller-rate", details.GetDetail<QuotaFailure>().Violations[0].Subject);
        Assert.True(details.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        Assert.DoesNotContain("portal-a", first.Status.Detail, StringComparison.Ordinal);

        // The other caller of the same kommun is not affected.
        Assert.NotEqual(Outcome.Unspecified, (await neighbour.CheckEligibilityAsync(Check("2514"))).Outcome);
    }

    [Fact]
    public async Task AKommunOverItsRate_IsToldToWait_WhileAnotherKommunIsServed()
    {
        await using var stack = await SuiteStack.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CallLimits:MunicipalityPerSecond"] = "30",
            ["CallLimits:MunicipalityBurst"] = "30",
        });
        var kalixCallers = Enumerable.Range(0, 5).Select(i => new EligibilityService.EligibilityServiceClient(stack.Invoker("Eligibility", stack.Token("2514", $"portal-{i}")))).ToList();
        var alingsas = new EligibilityService.EligibilityServiceClient(stack.Invoker("Eligibility", stack.Token("1489", "portal")));

        // Kalix floods from five callers at once; Alingsås asks meanwhile.
        var flood = kalixCallers.Select(c => FloodAsync(c, "2514", 40)).ToList();
        var alingsasAnswers = new List<Outcome>();
        for (var i = 0; i < 20; i++)
        {
            alingsasAnswers.Add((await alingsas.CheckEligibilityAsync(Check("1489"))).Outcome);
        }

        var refused = (await Task.WhenAll(flood)).SelectMany(r => r).ToList();
        Assert.True(refused.Count >= 50, $"only {refused.Count} of 200 refused"); // 30 at once, then 3 per 100 ms
        Assert.All(refused, r => Assert.Equal("municipality-rate", r.GetRpcStatus()!.GetDetail<QuotaFailure>().Violations[0].Subject));
        Assert.Equal(20, alingsasAnswers.Count(o => o != Outcome.Unspecified)); // every one answered
    }

    [Fact]
    public async Task AKommunOverItsConcurrency_IsToldToWait_WhileAnotherKommunIsServed()
    {
        await using var stack = await SuiteStack.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CallLimits:MunicipalityConcurrency"] = "2",
        });
        // Batches of a thousand decisions hold their slot for a while (each is one durable transaction).
        var kalix = new FollowUp.V1.FollowUpService.FollowUpServiceClient(stack.Invoker("FollowUp", stack.Token("2514", "verksamhetssystem")));
        var alingsas = new FollowUp.V1.FollowUpService.FollowUpServiceClient(stack.Invoker("FollowUp", stack.Token("1489", "verksamhetssystem")));
        var flood = Enumerable.Range(0, 16).Select(async _ =>
        {
            var batch = new FollowUp.V1.BatchRegisterDecisionsRequest { Parent = "municipalities/2514", RequestId = Guid.NewGuid().ToString() };
            batch.Requests.AddRange(Enumerable.Range(0, 1000).Select(i => new FollowUp.V1.RegisterDecisionRequest
            {
                Decision = new FollowUp.V1.Decision { CaseReference = TestCaseReferences.Next("KX-FLOOD"), Intervention = "municipalities/2514/interventions/oppenvard-vuxna", DecisionDate = D.Of(2025, 9, 1) },
            }));
            try
            {
                await kalix.BatchRegisterDecisionsAsync(batch);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }).ToList();
        var served = 0;
        for (var i = 0; i < 10; i++)
        {
            await alingsas.ListDueFollowUpsAsync(new FollowUp.V1.ListDueFollowUpsRequest { Parent = "municipalities/1489", From = D.Of(2025, 1, 1), To = D.Of(2025, 12, 31) });
            served++;
        }

        var codes = await Task.WhenAll(flood);
        Assert.Equal(10, served);
        Assert.Contains(StatusCode.ResourceExhausted, codes);
        Assert.Contains(StatusCode.OK, codes);
        Assert.All(codes, c => Assert.True(c is StatusCode.OK or StatusCode.ResourceExhausted, c.ToString()));
    }

    [Fact]
    public async Task AMessageOverTheSizeLimit_IsRefused_AndTheServiceLivesOn()
    {
        await using var stack = await SuiteStack.StartAsync();
        var client = new DocumentationService.DocumentationServiceClient(stack.Invoker("Documentation", stack.Token("2514", "verksamhetssystem")));
        var huge = new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", Text = new string('x', 5 * 1024 * 1024) };
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ReviewRecordAsync(huge).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.True((await client.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", Text = "Samtal." })).Accepted);
    }

    [Fact]
    public async Task ACallPastItsDeadline_EndsWithDeadlineExceeded_NotAHang()
    {
        await using var stack = await SuiteStack.StartAsync();
        var client = new EligibilityService.EligibilityServiceClient(stack.Invoker("Eligibility", stack.Token("2514", "portal")));
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.CheckEligibilityAsync(Check("2514"), deadline: DateTime.UtcNow.AddTicks(1)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    private static async Task<List<RpcException>> FloodAsync(EligibilityService.EligibilityServiceClient client, string code, int calls)
    {
        var refused = new List<RpcException>();
        foreach (var chunk in Enumerable.Range(0, calls).Chunk(20))
        {
            var results = await Task.WhenAll(chunk.Select(async _ =>
            {
                try
                {
                    await client.CheckEligibilityAsync(Check(code));
                    return null;
                }
                catch (RpcException ex)
                {
                    return ex;
                }
            }));
            refused.AddRange(results.OfType<RpcException>());
        }

        Assert.All(refused, r => Assert.Equal(StatusCode.ResourceExhausted, r.StatusCode));
        return refused;
    }
}

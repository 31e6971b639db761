using Socialtjanst.FollowUp.V1;

namespace Socialtjanst.Suite.Tests;

/// <summary>A socialsekreterare's system registers a decision and asks what is due, against the real suite.</summary>
public sealed class FollowUpEndToEndTests(SuiteProcess suite) : IClassFixture<SuiteProcess>, IDisposable
{
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(suite.FollowUpAddress);

    public void Dispose() => channel.Dispose();

    [Fact]
    public async Task RegisterADecision_ThenFindItDue()
    {
        var client = new FollowUpService.FollowUpServiceClient(channel);
        var headers = new Metadata { { "Authorization", "Bearer " + suite.Tokens["2514"] } };
        var request = new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = Guid.NewGuid().ToString(),
            Decision = new Decision
            {
                CaseReference = "KX-SUITE-1",
                Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
                DecisionDate = new Date { Year = 2025, Month = 8, Day = 31 },
            },
        };
        var decision = (await SuiteProcess.OnceTheCatalogHasArrivedAsync(() => client.RegisterDecisionAsync(request, headers).ResponseAsync)).Decision;

        Assert.Equal(new Date { Year = 2026, Month = 2, Day = 28 }, decision.NextFollowUpDue);
        var due = await client.ListDueFollowUpsAsync(new ListDueFollowUpsRequest
        {
            Parent = "municipalities/2514",
            From = new Date { Year = 2026, Month = 2, Day = 23 },
            To = new Date { Year = 2026, Month = 3, Day = 1 },
        }, headers);
        Assert.Contains(due.Due, d => d.Decision == decision.Name);
    }
}

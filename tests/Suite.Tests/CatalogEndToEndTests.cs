using Grpc.Health.V1;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Suite.Tests;

/// <summary>What the README promises a newcomer, against the real suite process over HTTP/2.</summary>
public sealed class CatalogEndToEndTests(SuiteProcess suite) : IClassFixture<SuiteProcess>, IDisposable
{
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(suite.CatalogAddress);

    private CatalogService.CatalogServiceClient Client => new(channel);

    private Metadata Bearer(string code) => new() { { "Authorization", "Bearer " + suite.Tokens[code] } };

    public void Dispose() => channel.Dispose();

    [Fact]
    public async Task Health_IsServing()
    {
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task DevTokens_AreWrittenForEverySeededKommun()
    {
        Assert.Equal(["1489", "2514", "9999"], suite.Tokens.Keys.Order().ToArray());
        foreach (var code in suite.Tokens.Keys)
        {
            var list = await Client.ListInterventionsAsync(new ListInterventionsRequest { Parent = $"municipalities/{code}", AsOf = new Date { Year = 2025, Month = 10, Day = 1 } }, Bearer(code));
            Assert.NotEmpty(list.Interventions);
        }
    }

    [Fact]
    public async Task Kalix_AsOfAutumnAndSpring2025_AreDifferentCatalogs()
    {
        var autumn = await Client.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = new Date { Year = 2025, Month = 10, Day = 1 } }, Bearer("2514"));
        var spring = await Client.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = new Date { Year = 2025, Month = 3, Day = 1 } }, Bearer("2514"));

        var autumnNames = autumn.Interventions.Select(i => i.Name).ToHashSet();
        var springNames = spring.Interventions.Select(i => i.Name).ToHashSet();
        Assert.NotEqual(autumnNames, springNames);
        Assert.Contains("municipalities/2514/interventions/bra-samtal", autumnNames);
        Assert.DoesNotContain("municipalities/2514/interventions/bra-samtal", springNames);
    }

    [Fact]
    public async Task IllegalInsats_IsRefusedWithTheParagraphNamed()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/2514",
            InterventionId = "familjehem-direkt",
            RequestId = Guid.NewGuid().ToString(),
            Intervention = new Intervention
            {
                DisplayName = "Vård i familjehem",
                Access = Access.Direct,
                Kind = InterventionKind.FamilyHomeCare,
                DocumentationBasis = DocumentationBasis.Full,
                FollowUpMode = FollowUpMode.Individual,
                CommitteeDecisionReference = "SN 2025 § 1",
                ValidFrom = new Date { Year = 2025, Month = 7, Day = 1 },
            },
        }, Bearer("2514")).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("11 kap. 5 § SoL", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("11 kap. 5 § SoL", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
    }

    [Fact]
    public async Task AnotherKommunsToken_CannotReadKalix()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" }, Bearer("1489")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }
}

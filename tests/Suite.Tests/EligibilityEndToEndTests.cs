using System.Net.Http.Json;
using System.Text.Json;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Suite.Tests;

/// <summary>A portal's question to the real suite, over gRPC and over REST.</summary>
public sealed class EligibilityEndToEndTests(SuiteProcess suite) : IClassFixture<SuiteProcess>, IDisposable
{
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(suite.EligibilityAddress);

    public void Dispose() => channel.Dispose();

    private static CheckEligibilityRequest BraSamtal(int age) => new()
    {
        Intervention = "municipalities/2514/interventions/bra-samtal",
        AsOf = new Date { Year = 2025, Month = 10, Day = 1 },
        Facts = new Facts
        {
            StatedAge = age,
            RegisteredMunicipalityCode = "2514",
            GuardianConsent = true,
            AttestedFacts = { "omsorgsperson-med-skadligt-bruk" },
        },
    };

    private async Task<CheckEligibilityResponse> CheckWhenReady(CheckEligibilityRequest request)
    {
        var client = new EligibilityService.EligibilityServiceClient(channel);
        var headers = new Metadata { { "Authorization", "Bearer " + suite.Tokens["2514"] } };
        return await SuiteProcess.OnceTheCatalogHasArrivedAsync(() => client.CheckEligibilityAsync(request, headers).ResponseAsync);
    }

    [Fact]
    public async Task Grpc_AChildWithConsent_MayUseBraSamtalDirectly()
    {
        var response = await CheckWhenReady(BraSamtal(12));
        Assert.Equal(Outcome.Eligible, response.Outcome);
        Assert.Equal("11 kap. 6 § SoL", response.Information.Paragraph);

        var tooOld = await CheckWhenReady(BraSamtal(19));
        Assert.Equal(Outcome.NotEligible, tooOld.Outcome);
        Assert.Contains(tooOld.Conditions, c => c.Status == ConditionStatus.NotMet && c.Description.StartsWith("Ålder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rest_ListsWhatAnAdultInAlingsasCanUse()
    {
        await CheckWhenReady(BraSamtal(12));
        using var http = new HttpClient { BaseAddress = new Uri(suite.EligibilityRestAddress) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", suite.Tokens["1489"]);
        var response = await http.PostAsJsonAsync("/v1/municipalities/1489:listDirectInterventions", new
        {
            asOf = new { year = 2025, month = 10, day = 1 },
            facts = new { statedAge = 30, registeredMunicipalityCode = "1489" },
        });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var eligible = json.RootElement.GetProperty("eligible").EnumerateArray().Select(e => e.GetProperty("intervention").GetString()).ToList();
        Assert.Contains("municipalities/1489/interventions/familjeradgivning", eligible);
    }
}

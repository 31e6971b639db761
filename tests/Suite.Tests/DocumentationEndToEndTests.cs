using Socialtjanst.Documentation.V1;

namespace Socialtjanst.Suite.Tests;

/// <summary>A verksamhetssystem has a note checked before it saves it, against the real suite.</summary>
public sealed class DocumentationEndToEndTests(SuiteProcess suite) : IClassFixture<SuiteProcess>, IDisposable
{
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(suite.DocumentationAddress);

    public void Dispose() => channel.Dispose();

    [Fact]
    public async Task ANoteForAnAnonymousInsats_ComesBackRedacted()
    {
        var client = new DocumentationService.DocumentationServiceClient(channel);
        var headers = new Metadata { { "Authorization", "Bearer " + suite.Tokens["2514"] } };
        var request = new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/radgivande-samtal",
            Text = "Samtal med Anna Svensson, 811218-9876, om sömn.",
            OnViolation = FindingAction.Redact,
        };
        var review = await SuiteProcess.OnceTheCatalogHasArrivedAsync(() => client.ReviewRecordAsync(request, headers).ResponseAsync);
        Assert.True(review.Accepted);
        Assert.Equal("Samtal med [borttaget], [borttaget], om sömn.", review.RedactedText);
    }
}

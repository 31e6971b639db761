using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Hosting;
using Socialtjanst.TestSupport;

namespace Socialtjanst.Documentation.Tests;

public sealed class DocumentationStack : IAsyncLifetime
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "documentation-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication app = null!;
    private readonly List<GrpcChannel> channels = [];

    public CatalogHost Catalog { get; private set; } = null!;

    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Catalog = await CatalogHost.StartAsync();
        Address = $"http://127.0.0.1:{EligibilityHost.FreePort()}";
        app = ServiceHost.Build("Documentation", Address, new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = Catalog.Auth.SigningKey,
            ["CatalogReplica:CatalogAddress"] = Catalog.Address,
            ["CatalogReplica:Token"] = Catalog.Token("0000", "catalog.replicate"),
            ["CatalogReplica:StateDirectory"] = state,
        }, b => b.AddDocumentation(), a => a.MapDocumentation(), LogLevel.Warning);
        await app.StartAsync();
        var replica = app.Services.GetRequiredService<CatalogReplica.CatalogReplica>();
        foreach (var code in new[] { "2514", "1489", "9999" })
        {
            await replica.WaitForRevisionAsync(code, 1, TimeSpan.FromSeconds(20));
        }
    }

    public DocumentationService.DocumentationServiceClient ClientFor(string code, params string[] scopes)
    {
        var token = Catalog.Token(code, scopes.Length > 0 ? scopes : ["documentation.use"]);
        var channel = GrpcChannel.ForAddress(Address);
        channels.Add(channel);
        return new DocumentationService.DocumentationServiceClient(channel.Intercept(m =>
        {
            m.Add("Authorization", "Bearer " + token);
            return m;
        }));
    }

    public async Task DisposeAsync()
    {
        channels.ForEach(c => c.Dispose());
        await app.StopAsync();
        await app.DisposeAsync();
        await Catalog.DisposeAsync();
        Directory.Delete(state, recursive: true);
    }
}

public class DocumentationApiTests(DocumentationStack stack) : IClassFixture<DocumentationStack>
{
    private const string Note = "Samtal med 811218-9876, nås på 070-123 45 67. Mående vid start 3 av 5.";

    private DocumentationService.DocumentationServiceClient Kalix => stack.ClientFor("2514");

    [Fact]
    public async Task Policy_ForAnIdentityExemptInsats_ForbidsIdentity()
    {
        var policy = await Kalix.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1) });
        Assert.Equal(Requirement.Forbidden, policy.Policies.Single(p => p.Category == DataCategory.Identity).Requirement);
        Assert.Equal(Requirement.Required, policy.Policies.Single(p => p.Category == DataCategory.ActivityLevel).Requirement);
    }

    [Fact]
    public async Task Review_UnderFourteenFive_RejectsOrRedactsEveryIdentifier()
    {
        var rejected = await Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1), Text = Note });
        Assert.False(rejected.Accepted);
        Assert.Equal(["personnummer", "phone"], rejected.Findings.Select(f => f.Detector).ToArray());
        Assert.All(rejected.Findings, f => Assert.StartsWith("14 kap. 5 § SoL", f.Rule, StringComparison.Ordinal));
        Assert.Equal("Samtal med [borttaget], nås på [borttaget]. Mående vid start 3 av 5.", rejected.RedactedText);

        var redacted = await Kalix.ReviewRecordAsync(new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = D.Of(2025, 10, 1),
            Text = Note,
            Fields = { new RecordField { Name = "kontakt", Value = "anna@exempel.se" } },
            OnViolation = FindingAction.Redact,
        });
        Assert.True(redacted.Accepted);
        Assert.Equal("[borttaget]", redacted.RedactedFields.Single().Value);
    }

    [Fact]
    public async Task Review_UnderFourteenThree_FindsButAccepts()
    {
        var review = await Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/tolvstegsmodellen", AsOf = D.Of(2025, 10, 1), Text = Note });
        Assert.True(review.Accepted);
        Assert.Equal(2, review.Findings.Count);
        Assert.All(review.Findings, f => Assert.False(f.Violation));
        Assert.Equal(Note, review.RedactedText);
    }

    [Fact]
    public async Task Review_BadInput_IsNamed_AndTheNoteIsNeverEchoed()
    {
        var empty = await Assert.ThrowsAsync<RpcException>(() => Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal" }).ResponseAsync);
        Assert.Contains(empty.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "text");
        var big = await Assert.ThrowsAsync<RpcException>(() => Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", Text = new string('x', 20_001) + " 811218-9876" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, big.StatusCode);
        Assert.DoesNotContain("811218", big.GetRpcStatus()!.ToString(), StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/finns-inte", Text = Note }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var field = await Assert.ThrowsAsync<RpcException>(() => Kalix.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", Text = "ok", Fields = { new RecordField { Name = "Ogiltigt Namn" } } }).ResponseAsync);
        Assert.Contains(field.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "fields[0].name");
    }

    [Fact]
    public async Task AnotherKommunsInsats_IsDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.ClientFor("1489").ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", Text = Note }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }
}

using Google.Rpc;
using Grpc.Core;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.TestSupport;

namespace Socialtjanst.FollowUp.Tests;

/// <summary>Kalix keeps its own case-number format; every other kommun has the default.</summary>
public sealed class CaseReferenceStack : IAsyncLifetime
{
    public const string KalixFormat = "^(KX|IFO)-[0-9]{4}-[0-9]{1,6}$";

    public CatalogHost Catalog { get; private set; } = null!;

    public FollowUpHost FollowUp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await CatalogHost.StartAsync();
        FollowUp = await FollowUpHost.StartAsync(Catalog, settings: new Dictionary<string, string?>
        {
            ["FollowUp:CaseReferences:Municipalities:2514"] = KalixFormat,
        });
    }

    public async Task DisposeAsync()
    {
        await FollowUp.DisposeAsync();
        await Catalog.DisposeAsync();
    }
}

internal static class CaseReferenceCalls
{
    public static Task<RegisterDecisionResponse> Register(FollowUpHost host, string caseReference) =>
        host.ClientFor("2514").RegisterDecisionAsync(new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = Guid.NewGuid().ToString(),
            Decision = new Decision
            {
                CaseReference = caseReference,
                Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
                DecisionDate = D.Of(2025, 9, 1),
            },
        }).ResponseAsync;

    public static void AssertRefused(RpcException ex, string reference)
    {
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("decision.case_reference", violation.Field);
        Assert.DoesNotContain(reference, ex.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, violation.Description, StringComparison.Ordinal);
    }
}

/// <summary>The default format (no kommun format configured): letters, digits and _ . / -, and no person in it.</summary>
public sealed class CaseReferenceTests(FollowUpStack stack) : IClassFixture<FollowUpStack>
{
    private Task<RegisterDecisionResponse> RegisterDefault(string reference) => CaseReferenceCalls.Register(stack.FollowUp, reference);

    private static void AssertRefused(RpcException ex, string reference) => CaseReferenceCalls.AssertRefused(ex, reference);

    [Theory]
    [InlineData("811218.9876")]
    [InlineData("19811218/9876")]
    [InlineData("811218_9876")]
    [InlineData("19811218T9876")]
    [InlineData("ARENDE-811218-9876")]
    [InlineData("KX.19811218.9876")]
    [InlineData("811278-9876")] // samordningsnummer
    [InlineData("Anna.Svensson")]
    [InlineData("anna.svensson")]
    [InlineData("ANNA-SVENSSON")]
    [InlineData("ARENDE-Mohammed")]
    [InlineData("Hoxha-2025-12")]
    [InlineData("KX-Linda-3")]
    [InlineData("0701234567")]
    [InlineData("Storgatan-12")]
    public async Task Register_AReferenceThatCarriesAPersonInAnyForm_IsRefusedWithoutEchoingIt(string reference)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => RegisterDefault(reference));
        AssertRefused(ex, reference);
    }

    [Theory]
    [InlineData("IFO-2025-0456")]
    [InlineData("SN-2025/123")]
    [InlineData("BoU.2025.77")]
    [InlineData("KX-IVO-3")]
    [InlineData("LSS-2024-000981")]
    [InlineData("2025-0456")]
    [InlineData("Kalix-2025-12")]
    [InlineData("KX-hemlig-7")]
    public async Task Register_ACaseNumber_IsAccepted(string reference)
    {
        var registered = await RegisterDefault(reference);
        Assert.Equal(reference, registered.Decision.CaseReference);
    }

}

/// <summary>Kalix's own case-number format as the allow-list.</summary>
public sealed class KommunCaseReferenceFormatTests(CaseReferenceStack stack) : IClassFixture<CaseReferenceStack>
{
    private Task<RegisterDecisionResponse> Register(string reference) => CaseReferenceCalls.Register(stack.FollowUp, reference);

    [Fact]
    public async Task Register_TheKommunsOwnFormat_IsTheAllowList()
    {
        var ok = await Register("KX-2025-812");
        Assert.Equal("KX-2025-812", ok.Decision.CaseReference);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Register("SN-2025/123"));
        CaseReferenceCalls.AssertRefused(ex, "SN-2025/123");
        Assert.Contains("format", ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_InTheKommunsFormat_StillRefusesAPersonnummer()
    {
        // Kalix's format allows six digits after the year: a personnummer's date and number fit in it.
        var ex = await Assert.ThrowsAsync<RpcException>(() => Register("KX-8112-189876"));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var ok = await Register("KX-2025-000001");
        Assert.Equal("KX-2025-000001", ok.Decision.CaseReference);
    }
}

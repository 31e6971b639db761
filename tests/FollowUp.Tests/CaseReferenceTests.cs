using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.FollowUp.V1;

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

    [Fact]
    public async Task StoredReferences_ThatWouldBeRefusedToday_AreListedByDecision_NeverByReference()
    {
        // References stored before the check: written straight to the store, as an old version did.
        var services = stack.FollowUp.Services;
        var rules = services.GetRequiredService<Application.Decisions>().RulesOf("2514");
        var old = new[] { "811218.9876", "Anna.Svensson", "KX-2024-00017" }.Select(reference => Application.Decisions.ToRow(new Decision
        {
            Name = $"municipalities/2514/decisions/{Guid.NewGuid():N}",
            CaseReference = reference,
            Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
            DecisionDate = D.Of(2024, 3, 1),
        }, rules, version: 1)).ToList();
        await services.GetRequiredService<Storage.FollowUpStore>().WriteAsync("2514", journal: null, async w =>
        {
            await w.InsertManyAsync(old, DateTimeOffset.UtcNow);
            return 0;
        }, CancellationToken.None);

        var refused = await services.GetRequiredService<Application.StoredCaseReferences>().RefusedAsync("2514", new DateOnly(2026, 11, 26), CancellationToken.None);

        var names = refused.Select(r => r.Decision).ToHashSet();
        Assert.Contains($"municipalities/2514/decisions/{old[0].DecisionId}", names);
        Assert.Contains($"municipalities/2514/decisions/{old[1].DecisionId}", names);
        Assert.DoesNotContain($"municipalities/2514/decisions/{old[2].DecisionId}", names);
        Assert.All(refused, r => Assert.DoesNotContain("9876", r.Why, StringComparison.Ordinal));
        Assert.All(refused, r => Assert.DoesNotContain("Svensson", r.Why, StringComparison.Ordinal));
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

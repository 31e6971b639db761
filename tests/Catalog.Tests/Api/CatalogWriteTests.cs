using Google.Protobuf.WellKnownTypes;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

public sealed class CatalogWriteTests : IAsyncLifetime
{
    private CatalogHost host = null!;

    private CatalogService.CatalogServiceClient Kalix => host.ClientFor("2514");

    public async Task InitializeAsync() => host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<CreateInterventionResponse> Create(Intervention iv, string id = "testsamtal", string? requestId = null) =>
        Kalix.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/2514",
            InterventionId = id,
            RequestId = requestId ?? Guid.NewGuid().ToString(),
            Intervention = iv,
        }).ResponseAsync;

    private async Task<(long Revision, int Count)> State()
    {
        var list = await Kalix.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1), PageSize = 200 });
        return (list.Revision, list.Interventions.Count);
    }

    [Fact]
    public async Task Create_LawfulInsats_IsReadableAsOfItsFirstDay()
    {
        var created = (await Create(Sample.Counselling())).Intervention;
        Assert.Equal("municipalities/2514/interventions/testsamtal", created.Name);
        Assert.NotEmpty(created.Etag);
        Assert.NotEmpty(created.VersionId);

        var read = await Kalix.GetInterventionAsync(new GetInterventionRequest { Name = created.Name, AsOf = D.Of(2025, 7, 1) });
        Assert.Equal(created, read.Intervention);
    }

    [Fact]
    public async Task Create_ReplayedRequestId_ReturnsTheFirstAnswerAndWritesNothing()
    {
        var requestId = Guid.NewGuid().ToString();
        var first = await Create(Sample.Counselling(), requestId: requestId);
        var before = await State();
        var second = await Create(Sample.Counselling(), requestId: requestId);

        Assert.Equal(first.Intervention, second.Intervention);
        Assert.Equal(before, await State());
    }

    [Fact]
    public async Task Create_RequestIdReusedForAnotherRequest_IsInvalidArgument()
    {
        var requestId = Guid.NewGuid().ToString();
        await Create(Sample.Counselling(), requestId: requestId);
        var ex = await Assert.ThrowsAsync<RpcException>(() => Create(Sample.Counselling().With(i => i.DisplayName = "Annat"), requestId: requestId));
        CatalogReadTests.AssertFields(ex, StatusCode.InvalidArgument, "request_id");
    }

    [Fact]
    public async Task Create_ConcurrentReplaysOfOneRequest_CreateOneVersion()
    {
        var requestId = Guid.NewGuid().ToString();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Create(Sample.Counselling(), requestId: requestId)));
        Assert.Single(results.Select(r => r.Intervention.VersionId).Distinct());
    }

    [Fact]
    public async Task Create_OverlappingPeriodOfTheSameInsats_IsAlreadyExists()
    {
        await Create(Sample.Counselling());
        var ex = await Assert.ThrowsAsync<RpcException>(() => Create(Sample.Counselling().With(i => i.ValidFrom = D.Of(2026, 1, 1))));
        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);

        var later = await Create(Sample.Counselling().With(i => i.ValidFrom = D.Of(2020, 1, 1)).With(i => i.ValidTo = D.Of(2025, 6, 30)));
        Assert.Equal(D.Of(2025, 6, 30), later.Intervention.ValidTo);
    }

    public static TheoryData<string, string, string> IllegalInsatser => new()
    {
        { "kontaktperson", "11 kap. 5 § SoL", "kind" },
        { "ekonomiskt-bistand", "11 kap. 5 § SoL", "kind" },
        { "utan-namndbeslut", "11 kap. 5 § SoL", "committee_decision_reference" },
        { "identitetsundantag-behovsprovad", "14 kap. 5 § SoL", "documentation_basis" },
        { "identitetsundantag-utan-skal", "14 kap. 5 § SoL", "special_grounds" },
        { "motesplats-som-radgivning", "14 kap. 4 § SoL", "documentation_basis" },
    };

    private static Intervention Illegal(string which) => which switch
    {
        "kontaktperson" => Sample.Counselling().With(i => { i.Kind = InterventionKind.ContactPerson; i.DocumentationBasis = DocumentationBasis.Full; }),
        "ekonomiskt-bistand" => Sample.Counselling().With(i => { i.Kind = InterventionKind.EconomicAssistance; i.DocumentationBasis = DocumentationBasis.Full; }),
        "utan-namndbeslut" => Sample.Counselling().With(i => i.CommitteeDecisionReference = ""),
        "identitetsundantag-behovsprovad" => Sample.Counselling().With(i => { i.Access = Access.NeedsAssessed; i.DocumentationBasis = DocumentationBasis.IdentityExemption; i.SpecialGrounds = "Anonymitet."; }),
        "identitetsundantag-utan-skal" => Sample.Counselling().With(i => i.DocumentationBasis = DocumentationBasis.IdentityExemption),
        "motesplats-som-radgivning" => Sample.Counselling().With(i => i.Kind = InterventionKind.MeetingPlace),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    [Theory]
    [MemberData(nameof(IllegalInsatser))]
    public async Task Create_IllegalInsats_IsFailedPreconditionCitingTheParagraph_AndWritesNothing(string which, string paragraph, string field)
    {
        var before = await State();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Create(Illegal(which)));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains(paragraph, ex.Status.Detail, StringComparison.Ordinal);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations);
        Assert.Equal((paragraph, "intervention." + field), (violation.Type, violation.Subject));
        Assert.Equal(before, await State());
    }

    [Fact]
    public async Task Create_BadFields_AreInvalidArgumentNamingEachField()
    {
        var iv = Sample.Counselling().With(i => { i.DisplayName = ""; i.ValidFrom = D.Of(2025, 2, 29); i.Conditions.All.Conditions[0].Age.MaxYears = 3; });
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/2514",
            InterventionId = "Ogiltigt Id",
            RequestId = "inte-en-uuid",
            Intervention = iv,
        }).ResponseAsync);
        CatalogReadTests.AssertFields(ex, StatusCode.InvalidArgument, "intervention_id", "request_id");

        var ex2 = await Assert.ThrowsAsync<RpcException>(() => Create(iv));
        CatalogReadTests.AssertFields(ex2, StatusCode.InvalidArgument, "intervention.display_name", "intervention.valid_from", "intervention.conditions.all[0].age");
    }

    [Fact]
    public async Task Update_WithCurrentEtag_WritesANewEtag_StaleEtagIsAborted()
    {
        var created = (await Create(Sample.Counselling())).Intervention;
        var patch = created.With(i => i.DisplayName = "Nytt namn");
        var updated = (await Kalix.UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = patch, UpdateMask = new FieldMask { Paths = { "display_name" } } })).Intervention;
        Assert.Equal("Nytt namn", updated.DisplayName);
        Assert.NotEqual(created.Etag, updated.Etag);
        Assert.Equal(created.VersionId, updated.VersionId);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = patch, UpdateMask = new FieldMask { Paths = { "display_name" } } }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
    }

    [Fact]
    public async Task Update_TwoWritersWithTheSameEtag_ExactlyOneWins()
    {
        var created = (await Create(Sample.Counselling())).Intervention;
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async n =>
        {
            try
            {
                await Kalix.UpdateInterventionAsync(new UpdateInterventionRequest
                {
                    Intervention = created.With(i => i.MaxSessions = n + 1),
                    UpdateMask = new FieldMask { Paths = { "max_sessions" } },
                });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));
        Assert.Equal(1, attempts.Count(s => s == StatusCode.OK));
        Assert.All(attempts.Where(s => s != StatusCode.OK), s => Assert.Equal(StatusCode.Aborted, s));
    }

    [Fact]
    public async Task Update_ThatBreaksTheLaw_IsFailedPrecondition_AndLeavesTheVersion()
    {
        var created = (await Create(Sample.Counselling())).Intervention;
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.UpdateInterventionAsync(new UpdateInterventionRequest
        {
            Intervention = created.With(i => i.Kind = InterventionKind.FamilyHomeCare),
            UpdateMask = new FieldMask { Paths = { "kind" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("11 kap. 5 § SoL", ex.Status.Detail, StringComparison.Ordinal);
        var read = await Kalix.GetInterventionAsync(new GetInterventionRequest { Name = created.Name, AsOf = D.Of(2025, 7, 1) });
        Assert.Equal(created.Etag, read.Intervention.Etag);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("etag")]
    [InlineData("revision")]
    [InlineData("no_such_field")]
    public async Task Update_MaskWithAFieldThatCannotBeUpdated_IsInvalidArgument(string path)
    {
        var created = (await Create(Sample.Counselling())).Intervention;
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = created, UpdateMask = new FieldMask { Paths = { path } } }).ResponseAsync);
        CatalogReadTests.AssertFields(ex, StatusCode.InvalidArgument, "update_mask.paths[0]");
        Assert.DoesNotContain(path, ex.Status.Detail, StringComparison.Ordinal); // named by place, never repeated
    }

    [Fact]
    public async Task Retire_EndsValidity_AndKeepsTheVersionBeforeIt()
    {
        var created = (await Create(Sample.Counselling())).Intervention;
        var retired = (await Kalix.RetireInterventionAsync(new RetireInterventionRequest { Name = created.Name, LastDay = D.Of(2025, 12, 31), Etag = created.Etag })).Intervention;
        Assert.Equal(D.Of(2025, 12, 31), retired.ValidTo);

        Assert.Equal(retired.Etag, (await Kalix.GetInterventionAsync(new GetInterventionRequest { Name = created.Name, AsOf = D.Of(2025, 12, 31) })).Intervention.Etag);
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.GetInterventionAsync(new GetInterventionRequest { Name = created.Name, AsOf = D.Of(2026, 1, 1) }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Retire_WithStaleEtag_IsAborted()
    {
        var created = (await Create(Sample.Counselling())).Intervention;
        await Kalix.RetireInterventionAsync(new RetireInterventionRequest { Name = created.Name, LastDay = D.Of(2026, 12, 31), Etag = created.Etag });
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.RetireInterventionAsync(new RetireInterventionRequest { Name = created.Name, LastDay = D.Of(2025, 12, 31), Etag = created.Etag }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
    }
}

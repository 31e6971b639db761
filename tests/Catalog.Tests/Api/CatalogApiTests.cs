using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>One real Catalog, seeded, shared by the read-mostly tests of a class.</summary>
public sealed class SeededCatalog : IAsyncLifetime
{
    public CatalogHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public class CatalogReadTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private CatalogService.CatalogServiceClient Kalix => catalog.Host.ClientFor("2514", "catalog.read");

    private async Task<List<Intervention>> ListAll(string parent, Type.V1.Date asOf, Access access = Access.Unspecified, int pageSize = 0)
    {
        var all = new List<Intervention>();
        var token = "";
        do
        {
            var client = catalog.Host.ClientFor(parent["municipalities/".Length..], "catalog.read");
            var page = await client.ListInterventionsAsync(new ListInterventionsRequest { Parent = parent, AsOf = asOf, Access = access, PageSize = pageSize, PageToken = token });
            all.AddRange(page.Interventions);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    [Fact]
    public async Task List_Kalix_OldAndNewCatalogsDiffer()
    {
        var autumn2025 = await ListAll("municipalities/2514", D.Of(2025, 10, 1));
        var spring2025 = await ListAll("municipalities/2514", D.Of(2025, 3, 1));

        Assert.Contains(autumn2025, i => i.Name.EndsWith("/tolvstegsmodellen", StringComparison.Ordinal));
        Assert.DoesNotContain(spring2025, i => i.Name.EndsWith("/tolvstegsmodellen", StringComparison.Ordinal));
        Assert.Contains(spring2025, i => i.Name.EndsWith("/gruppverksamhet", StringComparison.Ordinal));
        Assert.All(spring2025, i => Assert.Equal(D.Of(2025, 6, 30), i.ValidTo));
        Assert.Equal(12, autumn2025.Count);
        Assert.Equal(12, spring2025.Count);
    }

    [Fact]
    public async Task Get_SameNameOnEitherSideOfJuly2025_ReturnsTheVersionInForce()
    {
        var before = (await Kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/ungdomsmottagning", AsOf = D.Of(2025, 6, 30) })).Intervention;
        var after = (await Kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/ungdomsmottagning", AsOf = D.Of(2025, 7, 1) })).Intervention;

        Assert.Equal(DocumentationBasis.Pre2025Service, before.DocumentationBasis);
        Assert.Equal(DocumentationBasis.IdentityExemption, after.DocumentationBasis);
        Assert.NotEqual(before.VersionId, after.VersionId);
        Assert.Contains(after.Findings, f => f.Paragraph == "21 kap. 2 § SoL");
    }

    [Fact]
    public async Task Get_NotInForceThatDay_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/tolvstegsmodellen", AsOf = D.Of(2025, 3, 1) }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task List_FilterByAccess_ReturnsOnlyThatAccess()
    {
        var needsAssessed = await ListAll("municipalities/2514", D.Of(2025, 10, 1), Access.NeedsAssessed);
        Assert.Equal(4, needsAssessed.Count);
        Assert.All(needsAssessed, i => Assert.Equal(Access.NeedsAssessed, i.Access));
    }

    [Fact]
    public async Task List_SmallPages_WalkEveryInsatsOnce()
    {
        var paged = await ListAll("municipalities/1489", D.Of(2025, 10, 1), pageSize: 4);
        Assert.Equal(21, paged.Count);
        Assert.Equal(paged.Count, paged.Select(i => i.Name).Distinct().Count());
    }

    [Fact]
    public async Task List_PageTokenFromAnotherQuery_IsInvalidArgument()
    {
        var first = await Kalix.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1), PageSize = 2 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 3, 1), PageSize = 2, PageToken = first.NextPageToken }).ResponseAsync);
        AssertFields(ex, StatusCode.InvalidArgument, "page_token");
    }

    [Theory]
    [InlineData(2025, 2, 30)]
    [InlineData(2024, 13, 1)]
    [InlineData(1066, 10, 14)]
    public async Task Get_ImpossibleDate_IsInvalidArgumentNamingAsOf(int year, int month, int day)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(year, month, day) }).ResponseAsync);
        AssertFields(ex, StatusCode.InvalidArgument, "as_of");
    }

    [Fact]
    public async Task Get_NameThatLooksLikeAPersonnummer_IsRefusedWithoutEchoingIt()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/19121212-1212" }).ResponseAsync);
        AssertFields(ex, StatusCode.InvalidArgument, "name");
        Assert.DoesNotContain("19121212", ex.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("19121212", ex.GetRpcStatus()!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_KalixFollowUpIntervalChangesWithTheNewAct()
    {
        var old = await Kalix.GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest { Name = "municipalities/2514/rules", AsOf = D.Of(2025, 6, 30) });
        var current = await Kalix.GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest { Name = "municipalities/2514/rules", AsOf = D.Of(2025, 7, 1) });
        Assert.Equal(12, old.Rules.FollowUpIntervalMonths);
        Assert.Equal(6, current.Rules.FollowUpIntervalMonths);
        Assert.Contains("11 kap. 1 §", current.Rules.InformationText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutAsOf_AnswersForToday()
    {
        var response = await Kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal" });
        Assert.Equal(D.Of(2025, 7, 1), response.Intervention.ValidFrom);
    }

    internal static void AssertFields(RpcException ex, StatusCode code, params string[] fields)
    {
        Assert.Equal(code, ex.StatusCode);
        var badRequest = ex.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        foreach (var field in fields)
        {
            Assert.Contains(badRequest!.FieldViolations, v => v.Field == field);
        }
    }
}

/// <summary>Every method refuses callers without a valid token; health and reflection do not need one.</summary>
public class CatalogAuthenticationTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    public static TheoryData<string> BadTokens => new() { "none", "garbage", "expired", "wrong-key", "no-kommun" };

    private string? Token(string kind) => kind switch
    {
        "none" => null,
        "garbage" => "not-a-jwt",
        "expired" => catalog.Host.Issuer.Issue("2514", "t", ["catalog.read"], DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromHours(1)),
        "wrong-key" => new Hosting.Auth.TokenIssuer(new Hosting.Auth.AuthOptions { SigningKey = Hosting.Auth.TokenIssuer.NewKey() })
            .Issue("2514", "t", ["catalog.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1)),
        "no-kommun" => catalog.Host.Issuer.Issue("", "t", ["catalog.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task EveryMethod_WithoutAValidToken_IsUnauthenticated(string kind)
    {
        var client = catalog.Host.Client(Token(kind));
        var calls = new Func<Task>[]
        {
            () => client.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal" }).ResponseAsync,
            () => client.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" }).ResponseAsync,
            () => client.CreateInterventionAsync(new CreateInterventionRequest { Parent = "municipalities/2514" }).ResponseAsync,
            () => client.UpdateInterventionAsync(new UpdateInterventionRequest()).ResponseAsync,
            () => client.RetireInterventionAsync(new RetireInterventionRequest()).ResponseAsync,
            () => client.ImportCatalogAsync(new ImportCatalogRequest()).ResponseAsync,
            () => client.ValidateCatalogAsync(new ValidateCatalogRequest()).ResponseAsync,
            () => client.GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest()).ResponseAsync,
            async () =>
            {
                using var watch = client.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" });
                await watch.ResponseStream.MoveNext();
            },
        };
        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        }
    }

    [Fact]
    public async Task HealthAndReflection_AnswerWithoutAToken()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(catalog.Host.Channel());
        var status = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, status.Status);

        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(catalog.Host.Channel());
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "socialtjanst.catalog.v1.CatalogService");
    }

    [Fact]
    public async Task Writes_WithAReadOnlyToken_ArePermissionDenied()
    {
        var reader = catalog.Host.ClientFor("2514", "catalog.read");
        var ex = await Assert.ThrowsAsync<RpcException>(() => reader.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/2514",
            InterventionId = "nytt",
            RequestId = Guid.NewGuid().ToString(),
            Intervention = Sample.Counselling(),
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Health.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>A real Catalog and a real Eligibility replicating from it, shared by a class's tests.</summary>
public sealed class EligibilityStack : IAsyncLifetime
{
    public string StateDirectory { get; } = Hosts.TempPath("eligibility-state");

    public CatalogHost Catalog { get; private set; } = null!;

    public EligibilityHost Eligibility { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await CatalogHost.StartAsync();
        Eligibility = await EligibilityHost.StartAsync(Catalog, StateDirectory);
    }

    /// <summary>The decision log's records of these ids (after everything queued is written), read as the kommun's reader.</summary>
    public async Task<List<LoggedDecision>> LoggedAsync(string kommun, IEnumerable<string> ids)
    {
        await Eligibility.DecisionLog.FlushAsync(CancellationToken.None);
        var log = new DecisionLogService.DecisionLogServiceClient(Hosts.Authorized(Eligibility.Channel(), Catalog.Token(kommun, "decisions.read")));
        var logged = new List<LoggedDecision>();
        foreach (var id in ids)
        {
            logged.Add((await log.GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/{kommun}/decisions/{id}" })).Decision);
        }

        return logged;
    }

    public async Task DisposeAsync()
    {
        await Eligibility.DisposeAsync();
        await Catalog.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}

public class EligibilityApiTests(EligibilityStack stack) : IClassFixture<EligibilityStack>
{
    private EligibilityService.EligibilityServiceClient Kalix => stack.Eligibility.ClientFor("2514");

    private static CheckEligibilityRequest Bra(Facts facts, Type.V1.Date? asOf = null) => new()
    {
        Intervention = "municipalities/2514/interventions/bra-samtal",
        AsOf = asOf ?? D.Of(2025, 10, 1),
        Facts = facts,
    };

    [Fact]
    public async Task Check_ChildWithConsent_IsEligible_AndTheAnswerExplainsItself()
    {
        var response = await Kalix.CheckEligibilityAsync(Bra(new Facts
        {
            StatedAge = 12,
            RegisteredMunicipalityCode = "2514",
            GuardianConsent = true,
            AttestedFacts = { "omsorgsperson-med-skadligt-bruk" },
        }));

        Assert.Equal(Outcome.Eligible, response.Outcome);
        Assert.NotEmpty(response.Explanation);
        Assert.All(response.Conditions, c => Assert.Equal(ConditionStatus.Met, c.Status));
        Assert.Contains(response.Conditions, c => c.Source == "21 kap. 2 § SoL");
        Assert.Equal("11 kap. 6 § SoL", response.Information.Paragraph);
        Assert.Contains("Kalix", response.Information.Text, StringComparison.Ordinal);
        Assert.True(response.CatalogRevision > 0);
        Assert.Matches("^[0-9a-f]{20}-[0-9a-f]+$", response.DecisionId);
        Assert.False(response.CatalogMayBeStale);
    }

    [Fact]
    public async Task Check_PersonnummerGivesTheAge_AndIsNeverEchoed()
    {
        var response = await Kalix.CheckEligibilityAsync(Bra(new Facts { PersonalIdentityNumber = "19121212-1212", RegisteredMunicipalityCode = "2514" }));
        Assert.Equal(Outcome.NotEligible, response.Outcome);
        Assert.DoesNotContain("1212", response.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("19121212-1213")]
    [InlineData("810230-1234")]
    [InlineData("not a number")]
    public async Task Check_InvalidPersonnummer_IsInvalidArgumentNamingTheFieldWithoutTheValue(string number)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.CheckEligibilityAsync(Bra(new Facts { PersonalIdentityNumber = number })).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("facts.personal_identity_number", violation.Field);
        Assert.DoesNotContain(number, ex.GetRpcStatus()!.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, Facts, Type.V1.Date?> BadInput => new()
    {
        { "facts.stated_age", new Facts { StatedAge = -1 }, null },
        { "facts.stated_age", new Facts { StatedAge = 131 }, null },
        { "facts.birth_date", new Facts { BirthDate = D.Of(2025, 2, 29) }, null },
        { "facts.birth_date", new Facts { BirthDate = D.Of(2026, 1, 1) }, null },
        { "facts.registered_municipality_code", new Facts { StatedAge = 30, RegisteredMunicipalityCode = "Kalix" }, null },
        { "facts.attested_facts", new Facts { StatedAge = 30, AttestedFacts = { "Inte En Kod" } }, null },
        { "facts.uncertain_facts", new Facts { StatedAge = 30, UncertainFacts = { UncertainFact.Unspecified } }, null },
        { "facts.child.stated_age", new Facts { StatedAge = 30, Child = new ChildFacts { StatedAge = 500 } }, null },
        { "as_of", new Facts { StatedAge = 30 }, D.Of(2025, 13, 1) },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Check_BadInput_IsInvalidArgumentNamingTheField(string field, Facts facts, Type.V1.Date? asOf)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.CheckEligibilityAsync(new CheckEligibilityRequest
        {
            Intervention = "municipalities/2514/interventions/ungdomsmottagning",
            AsOf = asOf ?? D.Of(2025, 10, 1),
            Facts = facts,
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == field);
    }

    [Fact]
    public async Task ADayOutsideTheKommunsCatalog_IsNotOfferedForOneInsats_WithItsDatesAndTheInformation_AndAnEmptyList()
    {
        var answer = await Kalix.CheckEligibilityAsync(new CheckEligibilityRequest
        {
            Intervention = "municipalities/2514/interventions/ungdomsmottagning",
            AsOf = D.Of(2001, 12, 31),
            Facts = new Facts { StatedAge = 30 },
        });
        Assert.Equal(Outcome.NotOffered, answer.Outcome);
        Assert.NotEmpty(answer.Offered);
        Assert.True(answer.Offered[0].From.ToDateOnly() > new DateOnly(2001, 12, 31), "the insats is offered later, not on that day");
        Assert.Contains(answer.Offered[0].From.ToDateOnly().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), answer.Explanation, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Information.Text);
        Assert.Empty(answer.Conditions);
        var list = await Kalix.ListDirectInterventionsAsync(new ListDirectInterventionsRequest
        {
            Parent = "municipalities/2514",
            AsOf = D.Of(2001, 12, 31),
            Facts = new Facts { StatedAge = 30 },
        });
        Assert.Empty(list.Eligible);
        Assert.Empty(list.Possible);
    }

    [Fact]
    public async Task Check_UnknownInsats_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Kalix.CheckEligibilityAsync(new CheckEligibilityRequest
        {
            Intervention = "municipalities/2514/interventions/finns-inte",
            AsOf = D.Of(2025, 10, 1),
            Facts = new Facts { StatedAge = 30 },
        }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Check_OldAndNewKalixCatalogs_AnswerDifferently()
    {
        var facts = new Facts { StatedAge = 14, RegisteredMunicipalityCode = "2514" };
        var before = await Kalix.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = "municipalities/2514/interventions/ungdomsmottagning", AsOf = D.Of(2025, 3, 1), Facts = facts });
        var after = await Kalix.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = "municipalities/2514/interventions/ungdomsmottagning", AsOf = D.Of(2025, 10, 1), Facts = facts });
        Assert.Equal(Outcome.Eligible, before.Outcome);
        Assert.Equal(Outcome.Undetermined, after.Outcome);
        Assert.Contains("facts.guardian_consent", after.MissingFacts);
    }

    [Fact]
    public async Task List_SeparatesWhatIsOpenNowFromWhatAFactWouldOpen()
    {
        var response = await stack.Eligibility.ClientFor("1489").ListDirectInterventionsAsync(new ListDirectInterventionsRequest
        {
            Parent = "municipalities/1489",
            AsOf = D.Of(2025, 10, 1),
            Facts = new Facts { StatedAge = 30, RegisteredMunicipalityCode = "1489" },
        });
        Assert.Contains(response.Eligible, s => s.Intervention == "municipalities/1489/interventions/familjeradgivning");
        Assert.Contains(response.Possible, s => s.Intervention == "municipalities/1489/interventions/samarbetssamtal" && s.MissingFacts.Count > 0);
        Assert.DoesNotContain(response.Eligible.Concat(response.Possible), s => s.Intervention == "municipalities/1489/interventions/beroendestod-mini-maria");
        Assert.Equal("11 kap. 6 § SoL", response.Information.Paragraph);
    }

    [Fact]
    public async Task AnotherKommunsInsats_IsPermissionDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Eligibility.ClientFor("1489").CheckEligibilityAsync(Bra(new Facts { StatedAge = 12 })).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task WithoutAToken_IsUnauthenticated_WithoutTheScope_IsDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Eligibility.Anonymous().CheckEligibilityAsync(Bra(new Facts { StatedAge = 12 })).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        var denied = await Assert.ThrowsAsync<RpcException>(() => stack.Eligibility.ClientFor("2514", "catalog.read").CheckEligibilityAsync(Bra(new Facts { StatedAge = 12 })).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Rest_AnswersThePortalsQuestionInJson()
    {
        using var http = stack.Eligibility.Rest("2514");
        var response = await http.PostAsJsonAsync("/v1/municipalities/2514/interventions/bra-samtal:checkEligibility", new
        {
            asOf = new { year = 2025, month = 10, day = 1 },
            facts = new { statedAge = 12, registeredMunicipalityCode = "2514", guardianConsent = true, attestedFacts = new[] { "omsorgsperson-med-skadligt-bruk" } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("OUTCOME_ELIGIBLE", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("11 kap. 6 § SoL", json.RootElement.GetProperty("information").GetProperty("paragraph").GetString());
    }

    [Fact]
    public async Task Rest_BadPersonnummer_Is400NamingTheField()
    {
        using var http = stack.Eligibility.Rest("2514");
        var response = await http.PostAsJsonAsync("/v1/municipalities/2514/interventions/bra-samtal:checkEligibility", new { facts = new { personalIdentityNumber = "19121212-1213" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("facts.personal_identity_number", body, StringComparison.Ordinal);
        Assert.DoesNotContain("19121212", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"facts\":{\"uncertainFacts\":[\"19121212-1212\"]}}")]
    [InlineData("{\"facts\":{\"statedAge\":\"19121212-1212\"}}")]
    [InlineData("{\"facts\":{\"birthDate\":{\"year\":\"19121212-1212\"}}}")]
    [InlineData("{not json 19121212-1212")]
    public async Task Rest_UnreadableBody_Is400WithoutEchoingAnyValue(string body)
    {
        using var http = stack.Eligibility.Rest("2514");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await http.PostAsync("/v1/municipalities/2514/interventions/bra-samtal:checkEligibility", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("19121212", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_WithoutAToken_Is401()
    {
        using var http = stack.Eligibility.Rest(null);
        var response = await http.PostAsJsonAsync("/v1/municipalities/2514/interventions/bra-samtal:checkEligibility", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Rest_WithoutAToken_AnswersAGoogleRpcStatusInJson()
    {
        using var http = stack.Eligibility.Rest(null);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        var response = await http.PostAsJsonAsync("/v1/municipalities/2514/interventions/bra-samtal:checkEligibility", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(16, body.RootElement.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Grpc_WithoutAToken_CarriesTheStatusAndAMessage_NotABareHttp401()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Eligibility.Anonymous().CheckEligibilityAsync(Bra(new Facts { StatedAge = 12 })).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal(Hosting.Auth.AuthChallenges.UnauthenticatedMessage, ex.Status.Detail);

        // Over the wire, as a gRPC-web or Connect client reads it: HTTP 200 and the status in the headers.
        using var http = new HttpClient { BaseAddress = new Uri(stack.Eligibility.RestAddress) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/socialtjanst.eligibility.v1.EligibilityService/CheckEligibility")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc-web+proto");
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("16", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal(Hosting.Auth.AuthChallenges.UnauthenticatedMessage, Uri.UnescapeDataString(Assert.Single(response.Headers.GetValues("grpc-message"))));
    }

    [Fact]
    public async Task OpenApi_DescribesBothMethods()
    {
        using var http = stack.Eligibility.Rest(null);
        using var json = JsonDocument.Parse(await http.GetStringAsync("/openapi/eligibility.json"));
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/municipalities/{municipalities_id}/interventions/{interventions_id}:checkEligibility", out _));
        Assert.True(paths.TryGetProperty("/v1/municipalities/{municipalities_id}:listDirectInterventions", out _));
        Assert.True(json.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("Facts", out var facts));
        Assert.Contains("facts, never needs", facts.GetProperty("description").GetString(), StringComparison.Ordinal); // the proto's own comment
    }

    [Fact]
    public async Task Health_IsServingAndTheReplicaIsLive()
    {
        var health = new Health.HealthClient(stack.Eligibility.Channel());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "socialtjanst.catalog.replica" })).Status);
    }
}

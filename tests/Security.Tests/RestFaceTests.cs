using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf.Reflection;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Rest;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// Every service's REST/JSON face, as a portal or records-system developer meets it from the OpenAPI
/// document alone: the documents the services serve are the ones committed under openapi/ (regenerate with
/// SOCIALTJANST_UPDATE_OPENAPI=1), every RPC but the two replication ones has a path in its document, and
/// calls by those paths work, refuse, and fail with a google.rpc.Status in JSON naming the field.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RestFaceTests(StackFixture fixture)
{
    private SuiteStack Stack => fixture.Stack;

    /// <summary>Internal to the suite (its services replicate the catalog): gRPC only, by design.</summary>
    private static readonly string[] GrpcOnly = ["WatchCatalog", "ListMunicipalities"];

    private static readonly (string Service, ServiceDescriptor[] Descriptors)[] Services =
    [
        ("Catalog", [Catalog.V1.CatalogService.Descriptor, Audit.V1.AuditService.Descriptor]),
        ("Eligibility", [Eligibility.V1.EligibilityService.Descriptor]),
        ("Documentation", [Documentation.V1.DocumentationService.Descriptor, Audit.V1.AuditService.Descriptor]),
        ("FollowUp", [FollowUp.V1.FollowUpService.Descriptor, Audit.V1.AuditService.Descriptor]),
    ];

    public static TheoryData<string> ServiceNames() => [.. Services.Select(s => s.Service)];

    private async Task<JsonNode> DocumentAsync(string service)
    {
        using var http = Stack.Rest(service, null);
        return JsonNode.Parse(await http.GetStringAsync($"/openapi/{service.ToLowerInvariant()}.json"))!;
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task TheServedDocument_IsTheCommittedOne(string service)
    {
        var served = (await DocumentAsync(service)).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        var file = Path.Combine(Hosts.RepositoryRoot(), "openapi", service.ToLowerInvariant() + ".json");
        if (Environment.GetEnvironmentVariable("SOCIALTJANST_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, served);
        }

        Assert.True(File.Exists(file), $"{file} is missing: run the tests with SOCIALTJANST_UPDATE_OPENAPI=1 and commit it");
        Assert.True(served == (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n"),
            $"openapi/{service.ToLowerInvariant()}.json differs from what the service serves: the protos changed; run the tests with SOCIALTJANST_UPDATE_OPENAPI=1 and commit the file");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task ABrowsablePage_ShowsTheDocument_OutsideProduction(string service)
    {
        using var http = Stack.Rest(service, null);
        var page = await http.GetAsync("/openapi/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var config = await http.GetStringAsync("/openapi/index.js");
        Assert.Contains($"/openapi/{service.ToLowerInvariant()}.json", config, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task EveryRpc_HasItsPathAndItsCommentInTheDocument(string service)
    {
        var document = await DocumentAsync(service);
        var paths = document["paths"]!.AsObject();
        foreach (var method in Services.Single(s => s.Service == service).Descriptors.SelectMany(d => d.Methods))
        {
            var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
            if (GrpcOnly.Contains(method.Name))
            {
                Assert.Null(rule);
                continue;
            }

            Assert.True(rule is not null, $"{method.FullName} has no google.api.http rule: it has no REST path");
            var (verb, pattern) = rule!.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => ("get", rule.Get),
                HttpRule.PatternOneofCase.Post => ("post", rule.Post),
                HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
                _ => throw new InvalidOperationException(method.FullName),
            };
            var path = ResourcePaths.Expand(pattern).Path;
            Assert.True(paths.ContainsKey(path), $"{method.FullName}: {path} is not in the document");
            var operation = paths[path]![verb];
            Assert.True(operation is not null, $"{method.FullName}: no {verb} at {path}");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation!["summary"]), $"{method.FullName}: the proto's comment is not in the document");
            Assert.DoesNotContain("{name}", path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ARecordsSystemWorksByTheDocumentedPaths()
    {
        var token = Stack.Token("2514", "handlaggare");
        using var catalog = Stack.Rest("Catalog", token);
        var intervention = await catalog.GetFromJsonAsync<JsonObject>("/v1/municipalities/2514/interventions/oppenvard-vuxna?asOf.year=2025&asOf.month=10&asOf.day=1");
        Assert.Equal("municipalities/2514/interventions/oppenvard-vuxna", (string?)intervention!["intervention"]!["name"]);

        using var documentation = Stack.Rest("Documentation", token);
        var policy = await documentation.GetFromJsonAsync<JsonObject>("/v1/municipalities/2514/interventions/oppenvard-vuxna/recordingPolicy?asOf.year=2025&asOf.month=10&asOf.day=1");
        Assert.NotEmpty(policy!["policies"]!.AsArray());

        using var followUp = Stack.Rest("FollowUp", token);
        var registered = await followUp.PostAsJsonAsync("/v1/municipalities/2514/decisions", new
        {
            decision = new { caseReference = "IFO-2025-0456", intervention = "municipalities/2514/interventions/oppenvard-vuxna", decisionDate = new { year = 2025, month = 9, day = 1 } },
            requestId = Guid.NewGuid().ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var name = (string)(await registered.Content.ReadFromJsonAsync<JsonObject>())!["decision"]!["name"]!;
        var read = await followUp.GetFromJsonAsync<JsonObject>("/v1/" + name);
        Assert.Equal("IFO-2025-0456", (string?)read!["decision"]!["caseReference"]);

        using var auditor = Stack.Rest("FollowUp", Stack.Token("2514", "revisor", "audit.read"));
        var events = await auditor.PostAsJsonAsync("/v1/municipalities/2514/auditEvents:search", new
        {
            from = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"),
            to = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"),
            resource = name,
        });
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.NotEmpty((await events.Content.ReadFromJsonAsync<JsonObject>())!["events"]!.AsArray());
    }

    [Fact]
    public async Task BadInput_Is400WithAStatusNamingTheField_AndNeverTheValue()
    {
        using var followUp = Stack.Rest("FollowUp", Stack.Token("2514", "handlaggare"));
        var response = await followUp.GetAsync("/v1/municipalities/2514/executionDelays?quarter=19811218");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var status = JsonNode.Parse(body)!;
        Assert.Equal(3, (int)status["code"]!);
        var violation = status["details"]!.AsArray().Single(d => (string?)d!["@type"] == "type.googleapis.com/google.rpc.BadRequest")!;
        Assert.Equal("quarter", (string?)violation["fieldViolations"]![0]!["field"]);
        Assert.DoesNotContain("19811218", body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> MistakesInABody() => new()
    {
        // what is wrong, the body, the field it must name, what must not come back
        { "an unknown field (a typo)", """{"facts":{"statedage":34}}""", "facts.statedage", "34" },
        { "a text where a number goes", """{"facts":{"statedAge":"trettiofyra"}}""", "facts.statedAge", "trettiofyra" },
        { "a date as a string", """{"asOf":"2025-08-31","facts":{"statedAge":34}}""", "asOf", "2025-08-31" },
        { "two members of a oneof", """{"facts":{"statedAge":34,"personalIdentityNumber":"811218-9876"}}""", "facts.personalIdentityNumber", "811218-9876" },
        { "a list where one value goes", """{"facts":{"statedAge":[34]}}""", "facts.statedAge", "34" },
        { "one value where a list goes", """{"facts":{"statedAge":34,"attestedFacts":"skadligt-bruk"}}""", "facts.attestedFacts", "skadligt-bruk" },
        { "not JSON at all", """{"facts":{"statedAge":34,}""", "body", "statedAge" },
    };

    [Theory]
    [MemberData(nameof(MistakesInABody))]
    public async Task AMistakeInARestBody_Is400NamingTheFieldAsSpelt_InSwedish_NeverTheValue(string mistake, string json, string field, string secret)
    {
        using var eligibility = Stack.Rest("Eligibility", Stack.Token("2514", "portal", "eligibility.check"));
        // A body of stated length (read once into memory) and one sent in chunks (buffered as it comes): checked alike.
        foreach (var (prefix, content) in new (string, Func<HttpContent>)[] { ("/v1", () => new StringContent(json, System.Text.Encoding.UTF8, "application/json")), ("/V1", () => new UnsizedJson(json).Typed()) })
        {
            using var response = await eligibility.PostAsync($"{prefix}/municipalities/2514/interventions/bra-samtal:checkEligibility", content());
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{mistake} ({prefix}): {(int)response.StatusCode}");
            var status = JsonNode.Parse(body)!;
            Assert.Equal(3, (int)status["code"]!);
            var violations = status["details"]!.AsArray().Single(d => (string?)d!["@type"] == "type.googleapis.com/google.rpc.BadRequest")!["fieldViolations"]!.AsArray();
            Assert.Contains(violations, v => (string?)v!["field"] == field);
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("payload", body, StringComparison.Ordinal); // transcoding's English, naming nothing
        }
    }

    [Fact]
    public async Task ABodySentInChunks_IsCheckedAndAnswered_AsOneOfStatedLength()
    {
        using var eligibility = Stack.Rest("Eligibility", Stack.Token("2514", "portal", "eligibility.check"));
        const string json = """{"asOf":{"year":2025,"month":10,"day":1},"facts":{"statedAge":12,"registeredMunicipalityCode":"2514"}}""";
        using var sized = await eligibility.PostAsync("/v1/municipalities/2514/interventions/bra-samtal:checkEligibility", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        using var chunked = await eligibility.PostAsync("/v1/municipalities/2514/interventions/bra-samtal:checkEligibility", new UnsizedJson(json).Typed());
        Assert.Equal(HttpStatusCode.OK, sized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chunked.StatusCode);
        var (a, b) = (JsonNode.Parse(await sized.Content.ReadAsStringAsync())!, JsonNode.Parse(await chunked.Content.ReadAsStringAsync())!);
        Assert.Equal((string?)a["outcome"], (string?)b["outcome"]);
        Assert.Equal(a["conditions"]!.AsArray().Count, b["conditions"]!.AsArray().Count);
    }

    /// <summary>JSON of no stated length: HttpClient sends it in chunks.</summary>
    private sealed class UnsizedJson(string json) : HttpContent
    {
        private readonly byte[] bytes = System.Text.Encoding.UTF8.GetBytes(json);

        public UnsizedJson Typed()
        {
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return this;
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task AnEnumValueNotInTheContract_IsNamed_WithTheValuesItMayTake()
    {
        using var documentation = Stack.Rest("Documentation", Stack.Token("2514", "handlaggare", "documentation.use"));
        using var response = await documentation.PostAsync("/v1/municipalities/2514/interventions/bra-samtal:reviewRecord",
            new StringContent("""{"text":"Samtal om sömn.","onViolation":"REDACT"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var violation = JsonNode.Parse(body)!["details"]![0]!["fieldViolations"]![0]!;
        Assert.Equal("onViolation", (string?)violation["field"]);
        Assert.Contains("FINDING_ACTION_REDACT", (string?)violation["description"], StringComparison.Ordinal);

        // The same body right, and a valid body with every field as the contract spells it, are answered.
        using var right = await documentation.PostAsync("/v1/municipalities/2514/interventions/bra-samtal:reviewRecord",
            new StringContent("""{"text":"Samtal om sömn.","on_violation":"FINDING_ACTION_REDACT","asOf":{"year":2025,"month":10,"day":1}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task WithoutAToken_401_AndAnotherKommun_403_EachWithAStatusInJson(string service)
    {
        var path = service switch
        {
            "Catalog" => "/v1/municipalities/{0}/rules",
            "Eligibility" => "/v1/municipalities/{0}:listDirectInterventions",
            "Documentation" => "/v1/municipalities/{0}/interventions/oppenvard-vuxna/recordingPolicy",
            _ => "/v1/municipalities/{0}/dueFollowUps",
        };
        var post = service == "Eligibility";
        async Task<(HttpStatusCode, JsonNode)> CallAsync(string? token, string code)
        {
            using var http = Stack.Rest(service, token);
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, code);
            using var response = post ? await http.PostAsJsonAsync(url, new { }) : await http.GetAsync(url);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        var (anonymous, unauthenticated) = await CallAsync(null, "2514");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(16, (int)unauthenticated["code"]!);
        Assert.Equal(AuthChallenges.UnauthenticatedMessage, (string?)unauthenticated["message"]);

        var (foreign, denied) = await CallAsync(Stack.Token("2514", "handlaggare"), "1489");
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(7, (int)denied["code"]!);
    }

    /// <summary>What a browser client (the generated TypeScript client) speaks: gRPC-web over HTTP/1.1, on the REST port.</summary>
    [Fact]
    public async Task ABrowserClient_CallsByGrpcWeb_OverHttp1()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(Stack.RestAddresses["Eligibility"], new Grpc.Net.Client.GrpcChannelOptions
        {
            HttpHandler = new Grpc.Net.Client.Web.GrpcWebHandler(Grpc.Net.Client.Web.GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new Eligibility.V1.EligibilityService.EligibilityServiceClient(channel);
        var headers = new Grpc.Core.Metadata { { "Authorization", "Bearer " + Stack.Token("2514", "invanare", "eligibility.check") } };
        var questions = await client.ListQuestionsAsync(new Eligibility.V1.ListQuestionsRequest { Parent = "municipalities/2514" }, headers);
        Assert.NotEmpty(questions.Questions);

        // Checks of one shape: from the second on written from the first's kept bytes (KeptMessages), framed as gRPC-web text.
        var check = new Eligibility.V1.CheckEligibilityRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = new Type.V1.Date { Year = 2025, Month = 10, Day = 9 },
            Facts = new Eligibility.V1.Facts { StatedAge = 12, RegisteredMunicipalityCode = "2514", GuardianConsent = true, AttestedFacts = { "omsorgsperson-med-skadligt-bruk" } },
        };
        var answers = new List<Eligibility.V1.CheckEligibilityResponse>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.CheckEligibilityAsync(check, headers));
        }

        Assert.Equal(3, answers.Select(a => a.DecisionId).Distinct().Count());
        Assert.All(answers, a => Assert.Matches("^[0-9a-f]{20}-[0-9a-f]+$", a.DecisionId));
        Assert.All(answers, a => Assert.Equal(Eligibility.V1.Outcome.Eligible, a.Outcome));
        Assert.All(answers, a => Assert.Equal(WithoutId(answers[0]), WithoutId(a)));

        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => client.ListQuestionsAsync(new Eligibility.V1.ListQuestionsRequest { Parent = "municipalities/2514" }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, refused.StatusCode);

        static Eligibility.V1.CheckEligibilityResponse WithoutId(Eligibility.V1.CheckEligibilityResponse answer)
        {
            var copy = answer.Clone();
            copy.DecisionId = "";
            return copy;
        }
    }
}

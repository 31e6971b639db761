using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// A check answered over REST from the JSON of an earlier answer of the same shape (ShapedAnswers, CheckShapes): every
/// answer is the answer transcoding would write — the same JSON as the first, whose bytes were transcoding's, with the
/// call's own decision id, which is the id the decision log keeps — and an answer of another shape is its own. Fails if
/// a kept answer is given with another call's id, or an empty message goes out, or shapes are mixed.
/// </summary>
public sealed class ShapedAnswerTests(EligibilityStack stack) : IClassFixture<EligibilityStack>
{
    private const string Path = "/v1/municipalities/2514/interventions/bra-samtal:checkEligibility";
    private const string Child = """{"asOf":{"year":2025,"month":10,"day":1},"facts":{"statedAge":12,"registeredMunicipalityCode":"2514","guardianConsent":true,"attestedFacts":["omsorgsperson-med-skadligt-bruk"]}}""";
    private const string Adult = """{"asOf":{"year":2025,"month":10,"day":1},"facts":{"statedAge":40,"registeredMunicipalityCode":"2514"}}""";
    private const string Unknown = """{"asOf":{"year":2025,"month":10,"day":1},"facts":{"statedAge":12}}""";

    private static async Task<(string Json, JsonNode Node, bool Streamed)> PostAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return (json, JsonNode.Parse(json)!, response.Headers.TransferEncodingChunked == true);
    }

    private static string WithoutId(string json, string id) => json.Replace(id, "", StringComparison.Ordinal);

    [Fact]
    public async Task AnswersOfOneShape_AreTheSameJson_EachWithItsOwnDecisionId_TheOneTheLogKeeps()
    {
        using var http = stack.Eligibility.Rest("2514");
        var answers = new List<(string Json, JsonNode Node, bool Streamed)>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await PostAsync(http, Child.Replace("\"day\":1", "\"day\":2", StringComparison.Ordinal))); // a day no other test asks about: a shape not kept yet
        }

        var ids = answers.Select(a => (string)a.Node["decisionId"]!).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{20}-[0-9a-f]+$", id));
        Assert.All(answers, a => Assert.Equal(WithoutId(answers[0].Json, ids[0]), WithoutId(a.Json, (string)a.Node["decisionId"]!)));
        // Transcoding streams an answer as it writes it (HTTP/1.1 chunks); one written from the kept JSON is sent whole, its length stated.
        Assert.Equal([true, false, false, false], answers.Select(a => a.Streamed));
        Assert.Equal("OUTCOME_ELIGIBLE", (string?)answers[^1].Node["outcome"]);
        Assert.Equal(5, answers[^1].Node["conditions"]!.AsArray().Count);

        // The ids are the answers' own: the log holds each, with that answer's outcome.
        Assert.Equal(ids.Select(id => (id, Outcome.Eligible)), (await stack.LoggedAsync("2514", ids)).Select(l => (l.DecisionId, l.Outcome)));
    }

    [Fact]
    public async Task AnswersOfOtherShapes_AreTheirOwn_AndEachIsTheAnswerGrpcGives()
    {
        using var http = stack.Eligibility.Rest("2514");
        foreach (var (body, outcome) in new[] { (Child, Outcome.Eligible), (Adult, Outcome.NotEligible), (Unknown, Outcome.Undetermined), (Adult, Outcome.NotEligible), (Unknown, Outcome.Undetermined), (Child, Outcome.Eligible) })
        {
            var (json, node, _) = await PostAsync(http, body);
            var rest = JsonParser.Default.Parse<CheckEligibilityResponse>(json);
            Assert.Equal(outcome, rest.Outcome);

            var request = JsonParser.Default.Parse<CheckEligibilityRequest>(body);
            request.Intervention = "municipalities/2514/interventions/bra-samtal";
            var grpc = await stack.Eligibility.ClientFor("2514").CheckEligibilityAsync(request);
            Assert.NotEqual(grpc.DecisionId, rest.DecisionId);
            (grpc.DecisionId, rest.DecisionId) = ("", "");
            Assert.Equal(grpc, rest);
            Assert.NotNull(node["information"]);
        }
    }

    [Fact]
    public void AShapesForm_IsKeptOnlyWhenTheOwnTextIsThereOnce()
    {
        var form = new Hosting.Rest.ShapedAnswers.Form();
        Assert.False(form.IsKept);
        form.Keep("""{"a":"x-1","b":"x-1"}"""u8, "x-1"u8); // twice: never kept
        Assert.False(form.IsKept);
        form.Keep("""{"a":"y"}"""u8, "x-1"u8); // not there
        Assert.False(form.IsKept);
        form.Keep("""{"a":"x-1","b":2}"""u8, "x-1"u8);
        Assert.True(form.IsKept);
    }
}

using System.Net;
using System.Net.Http.Headers;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// A portal's browser revalidates the questions instead of downloading them again: a GET answered 200 carries an ETag
/// and Cache-Control private, no-cache; the same GET with If-None-Match of that tag is 304 with no body; an answer that
/// differs (another day's questions) comes whole with its own tag; and the tag opens nothing — another kommun's
/// questions or no token are refused as without it.
/// </summary>
public sealed class ConditionalGetTests(EligibilityStack stack) : IClassFixture<EligibilityStack>
{
    private const string Autumn = "/v1/municipalities/2514/questions?asOf.year=2025&asOf.month=10&asOf.day=1";
    private const string Spring = "/v1/municipalities/2514/questions?asOf.year=2025&asOf.month=3&asOf.day=1";

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task AnUnchangedAnswer_Is304WithoutABody_AChangedOneComesWithItsOwnTag()
    {
        using var http = stack.Eligibility.Rest("2514");
        using var first = await GetAsync(http, Autumn);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag ?? throw new InvalidOperationException("no ETag");
        Assert.Contains("private", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl!.NoCache);
        Assert.Contains("questions", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var again = await GetAsync(http, Autumn, tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, again.Headers.ETag);

        using var spring = await GetAsync(http, Spring, tag); // the old act's catalog: other questions
        Assert.Equal(HttpStatusCode.OK, spring.StatusCode);
        Assert.NotEqual(tag, spring.Headers.ETag);
    }

    /// <summary>The questions' JSON is kept with the shared answer after it is written once (PreparedAnswers): every later GET gets those bytes.</summary>
    [Fact]
    public async Task AKeptAnswer_IsTheAnswerTranscodingWrote_ForEachDayAndInsats()
    {
        using var http = stack.Eligibility.Rest("2514");
        var bodies = new List<(byte[] Body, EntityTagHeaderValue? Tag)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await GetAsync(http, Autumn);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add((await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag));
            Assert.Equal(bodies[0].Body.Length, response.Content.Headers.ContentLength);
        }

        Assert.All(bodies, b => Assert.Equal(bodies[0].Body, b.Body));
        Assert.All(bodies, b => Assert.Equal(bodies[0].Tag, b.Tag));
        var json = System.Text.Json.Nodes.JsonNode.Parse(bodies[0].Body)!;
        Assert.NotEmpty(json["questions"]!.AsArray());
        Assert.Equal(10, (int)json["asOf"]!["month"]!);

        // Another day, another insats: their own answers, each kept on its own.
        using var spring = await GetAsync(http, Spring);
        Assert.Equal(3, (int)System.Text.Json.Nodes.JsonNode.Parse(await spring.Content.ReadAsByteArrayAsync())!["asOf"]!["month"]!);
        var one = Autumn + "&intervention=" + Uri.EscapeDataString(json["questions"]![0]!["uses"]![0]!["intervention"]!.ToString());
        using var first = await GetAsync(http, one);
        using var second = await GetAsync(http, one);
        var oneBody = await second.Content.ReadAsByteArrayAsync();
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), oneBody);
        Assert.NotEqual(bodies[0].Body, oneBody);
    }

    [Fact]
    public async Task ATag_OpensNothing()
    {
        using var http = stack.Eligibility.Rest("2514");
        using var first = await GetAsync(http, Autumn);
        var tag = first.Headers.ETag!;

        using var alingsas = stack.Eligibility.Rest("1489");
        using var other = await GetAsync(alingsas, Autumn, tag); // Kalix's questions, asked by Alingsås with Kalix's tag
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        using var anonymous = stack.Eligibility.Rest(null);
        using var none = await GetAsync(anonymous, Autumn, tag);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    /// <summary>What a client generator reads: every unary GET declares If-None-Match, the 200's ETag and Cache-Control, and 304; no POST does.</summary>
    [Fact]
    public async Task TheOpenApiDocument_DeclaresTheRevalidation_OnEveryUnaryGet()
    {
        using var http = stack.Eligibility.Rest(null);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/openapi/eligibility.json"))!;
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!))).ToList();
        var gets = operations.Where(o => o.Method == "get").ToList();
        Assert.Contains(gets, o => o.Path.EndsWith("/questions", StringComparison.Ordinal));
        Assert.All(gets, o =>
        {
            Assert.NotNull(o.Operation["responses"]!["304"]);
            Assert.NotNull(o.Operation["responses"]!["200"]!["headers"]!["ETag"]);
            Assert.Contains(o.Operation["parameters"]!.AsArray(), p => (string?)p!["name"] == "If-None-Match" && (string?)p["in"] == "header");
        });
        Assert.All(operations.Where(o => o.Method == "post"), o => Assert.Null(o.Operation["responses"]!["304"]));
    }
}

using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;

namespace Socialtjanst.Bench;

/// <summary>
/// Eligibility over REST/JSON (gRPC JSON transcoding, HTTP/1.1): CheckEligibility against the echo over REST
/// with a JSON body of the same size, in the same host and run; and the questions a portal fetches first.
/// </summary>
public static class RestBench
{
    public static Task RunAsync(BenchHost host, int concurrency, TimeSpan duration)
    {
        var token = host.Issuer.Issue("2514", "bench", ["eligibility.check"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        return LoadApart.Wanted
            ? LoadApart.RunAsync("rest", host.EligibilityRestAddress, token, concurrency, duration)
            : MeasureAsync(host.EligibilityRestAddress, token, concurrency, duration);
    }

    /// <summary>The REST figures against the address, with the token (in the servers' process, or in the callers' own).</summary>
    public static async Task MeasureAsync(string address, string token, int concurrency, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(address),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var check = EligibilityBench.Check();
        var checkJson = JsonFormatter.Default.Format(check);
        var checkPath = $"/v1/{check.Intervention}:checkEligibility";
        // The echo's body is as long as the check's: base64 of n bytes is 4·⌈n/3⌉ characters inside {"payload":"…"}.
        var echoJson = $"{{\"payload\":\"{Convert.ToBase64String(new byte[Math.Max(1, (checkJson.Length - 14) * 3 / 4)])}\"}}";
        Console.WriteLine($"REST bodies: check {checkJson.Length} B, echo {echoJson.Length} B\n");
        if (Environment.GetEnvironmentVariable("BENCH_ECHO") == "answer")
        {
            // The echo answers as many bytes as the check (base64 in {"payload":"…"}): what the transport of the check's
            // answer costs, without the check's work; measured first, against the plain echo.
            using var first = new StringContent(checkJson, Encoding.UTF8, "application/json");
            using var answered = await http.PostAsync(checkPath, first);
            var checkAnswer = (await answered.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync()).Length;
            var sized = echoJson[..^1] + $",\"answerBytes\":{Math.Max(1, (checkAnswer - 14) * 3 / 4)}}}";
            using var probe = new StringContent(sized, Encoding.UTF8, "application/json");
            using var echoed = await http.PostAsync("/v1/bench:echo", probe);
            Console.WriteLine($"REST answers: check {checkAnswer} B, the sized echo {(await echoed.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync()).Length} B\n");
            await Versus.RunAsync("REST echo answering as much as the check", ct => PostAsync("/v1/bench:echo", echoJson, ct), ct => PostAsync("/v1/bench:echo", sized, ct), concurrency, duration);
        }

        // Every answer is read to its end as a browser reads it, as it comes, without a copy made to keep: the callers'
        // work shares the servers' two cores (a buffered 11.7 KB answer, then copied to an array, was ~30 KB a call).
        async Task PostAsync(string path, string json, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            await ReadAsync(request, ct);
        }

        async Task ReadAsync(HttpRequestMessage request, CancellationToken ct)
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await body.CopyToAsync(Stream.Null, ct);
        }

        await Versus.RunAsync("REST check", ct => PostAsync("/v1/bench:echo", echoJson, ct), ct => PostAsync(checkPath, checkJson, ct), concurrency, duration);
        var questions = await http.GetStringAsync("/v1/municipalities/2514/questions?asOf.year=2025&asOf.month=10&asOf.day=1");
        Console.WriteLine($"REST questions answer: {Encoding.UTF8.GetByteCount(questions)} B (the echo's: {echoJson.Length} B)\n");
        await Versus.RunAsync("REST questions", ct => PostAsync("/v1/bench:echo", echoJson, ct), async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/municipalities/2514/questions?asOf.year=2025&asOf.month=10&asOf.day=1");
            await ReadAsync(request, ct);
        }, concurrency, duration);

        // A portal's browser that already has the day's questions revalidates them (If-None-Match): 304, no body.
        using var tagged = await http.GetAsync("/v1/municipalities/2514/questions?asOf.year=2025&asOf.month=10&asOf.day=1");
        var tag = tagged.Headers.ETag ?? throw new InvalidOperationException("the questions carry no ETag");
        await Versus.RunAsync("REST questions revalidated", ct => PostAsync("/v1/bench:echo", echoJson, ct), async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/municipalities/2514/questions?asOf.year=2025&asOf.month=10&asOf.day=1");
            request.Headers.IfNoneMatch.Add(tag);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode != System.Net.HttpStatusCode.NotModified)
            {
                throw new InvalidOperationException("expected 304");
            }
        }, concurrency, duration);
    }
}

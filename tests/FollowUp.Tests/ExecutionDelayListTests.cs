using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.FollowUp.V1;
using Xunit.Abstractions;

namespace Socialtjanst.FollowUp.Tests;

/// <summary>A kommun with 100 000 decisions never executed (Kalix), and a few in Alingsås's name that must never show.</summary>
public sealed class LargeKommunStack : IAsyncLifetime
{
    public const int Decisions = 100_000;

    public CatalogHost Catalog { get; private set; } = null!;

    public FollowUpHost FollowUp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await CatalogHost.StartAsync();
        FollowUp = await FollowUpHost.StartAsync(Catalog, rest: true);
        await InsertAsync("2514", Decisions);
        await InsertAsync("1489", 25);
    }

    /// <summary>Decisions written straight to the store (registering 100 000 through the API is not what is tested here).</summary>
    private async Task InsertAsync(string code, int count)
    {
        var rules = FollowUp.Services.GetRequiredService<Decisions>().RulesOf("2514");
        var store = FollowUp.Services.GetRequiredService<FollowUpStore>();
        var start = new DateOnly(2025, 1, 1);
        var rows = Enumerable.Range(0, count).Select(i => Application.Decisions.ToRow(new Decision
        {
            Name = $"municipalities/{code}/decisions/{Guid.NewGuid():N}",
            CaseReference = $"KX-2025-{i:D6}",
            Intervention = $"municipalities/{code}/interventions/oppenvard-vuxna",
            DecisionDate = DateOf(start.AddDays(i % 180)),
        }, rules, version: 1)).ToList();
        foreach (var chunk in rows.Chunk(10_000))
        {
            await store.WriteAsync(code, journal: null, async w =>
            {
                await w.InsertManyAsync(chunk, DateTimeOffset.UtcNow);
                return 0;
            }, CancellationToken.None);
        }
    }

    private static Type.V1.Date DateOf(DateOnly day) => D.Of(day.Year, day.Month, day.Day);

    public async Task DisposeAsync()
    {
        await FollowUp.DisposeAsync();
        await Catalog.DisposeAsync();
    }
}

public sealed class ExecutionDelayListTests(LargeKommunStack stack, ITestOutputHelper output) : IClassFixture<LargeKommunStack>
{
    private FollowUpService.FollowUpServiceClient Kalix => stack.FollowUp.ClientFor("2514");

    [Fact]
    public async Task Export_OfAKommunWith100000Decisions_StreamsEveryDelayOnce_AndNoOtherKommuns()
    {
        var watch = Stopwatch.StartNew();
        using var call = Kalix.ExportExecutionDelays(new ExportExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20254 });
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var messages = 0;
        await foreach (var batch in call.ResponseStream.ReadAllAsync())
        {
            messages++;
            Assert.InRange(batch.Delays.Count, 1, 500);
            Assert.Equal(D.Of(2025, 12, 31), batch.AsOf);
            foreach (var delay in batch.Delays)
            {
                Assert.StartsWith("municipalities/2514/decisions/", delay.Decision, StringComparison.Ordinal);
                Assert.True(seen.Add(delay.Decision), "a delay came twice");
            }
        }

        output.WriteLine($"{seen.Count} delays in {messages} messages, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(LargeKommunStack.Decisions, seen.Count);
    }

    [Fact]
    public async Task Export_OverRest_IsNdjson_SentAsItIsMade_EveryDelayOnce()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.FollowUp.RestAddress!), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", stack.FollowUp.Catalog.Token("2514", "followup.read"));
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync("/v1/municipalities/2514/executionDelays:export?quarter=20254", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        TimeSpan? firstLine = null;
        var lines = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            firstLine ??= watch.Elapsed;
            lines++;
            var message = ExportExecutionDelaysResponse.Parser.ParseJson(line); // each line one whole message
            Assert.InRange(message.Delays.Count, 1, 500);
            foreach (var delay in message.Delays)
            {
                Assert.True(seen.Add(delay.Decision), "a delay came twice");
            }
        }

        var total = watch.Elapsed;
        output.WriteLine($"{seen.Count} delays in {lines} lines; first line after {firstLine!.Value.TotalMilliseconds:F0} ms of {total.TotalMilliseconds:F0} ms");
        Assert.Equal(LargeKommunStack.Decisions, seen.Count);
        Assert.True(firstLine < total / 2, "the first line came only near the end: the answer was held back, not streamed");

        // An error before the first message is still one JSON status.
        using var refused = await http.GetAsync("/v1/municipalities/2514/executionDelays:export?quarter=20259");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_OfAKommunWith100000Decisions_IsPagedOldestDeadlineFirst_AndFitsEveryAnswer()
    {
        var first = await Kalix.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20254, PageSize = 1000 });
        Assert.Equal(1000, first.Delays.Count);
        Assert.NotEmpty(first.NextPageToken);
        var second = await Kalix.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20254, PageSize = 1000, PageToken = first.NextPageToken });
        var both = first.Delays.Concat(second.Delays).ToList();
        Assert.Equal(both.Count, both.Select(d => d.Decision).Distinct().Count());
        var keys = both.Select(d => (d.Deadline.Year * 10000) + (d.Deadline.Month * 100) + d.Deadline.Day).ToList();
        Assert.Equal(keys.Order().ToList(), keys);
        Assert.True(first.CalculateSize() < 4 * 1024 * 1024);
    }

    [Fact]
    public async Task List_PageTokenReplayedByAnotherKommunOrForAnotherQuarter_IsInvalidArgument()
    {
        var first = await Kalix.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20254, PageSize = 10 });
        var alingsas = stack.FollowUp.ClientFor("1489");
        var foreign = await Assert.ThrowsAsync<RpcException>(() => alingsas.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/1489", Quarter = 20254, PageToken = first.NextPageToken }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, foreign.StatusCode);
        Assert.Contains("page_token", foreign.Status.Detail, StringComparison.Ordinal);

        var otherQuarter = await Assert.ThrowsAsync<RpcException>(() => Kalix.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20253, PageToken = first.NextPageToken }).ResponseAsync);
        Assert.Contains("page_token", otherQuarter.Status.Detail, StringComparison.Ordinal);

        // One digit changed (to another hex digit, so it is still well-formed), and the same token upper-cased.
        var token = first.NextPageToken;
        var altered = token[..^2] + (token[^2] == '0' ? '1' : '0') + token[^1];
        foreach (var wrong in new[] { altered, token.ToUpperInvariant() })
        {
            var tampered = await Assert.ThrowsAsync<RpcException>(() => Kalix.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20254, PageToken = wrong }).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, tampered.StatusCode);
        }
    }

    [Fact]
    public async Task ActivityFollowUps_ArePaged_AndThePagesMakeTheWholeList()
    {
        var request = new ListActivityFollowUpsRequest { Parent = "municipalities/2514", From = D.Of(2025, 7, 1), To = D.Of(2026, 6, 30) };
        var whole = await Kalix.ListActivityFollowUpsAsync(request);
        Assert.True(whole.FollowUps.Count >= 3, "the seed has activity-level insatser");
        var paged = new List<ActivityFollowUp>();
        var token = "";
        do
        {
            var page = await Kalix.ListActivityFollowUpsAsync(new ListActivityFollowUpsRequest { Parent = request.Parent, From = request.From, To = request.To, PageSize = 2, PageToken = token });
            Assert.InRange(page.FollowUps.Count, 1, 2);
            paged.AddRange(page.FollowUps);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(whole.FollowUps, paged);
    }
}

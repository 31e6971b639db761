using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// Traces and metrics leave a service over OTLP (http/protobuf) to the collector OTEL_EXPORTER_OTLP_ENDPOINT names —
/// here a receiver in the test that keeps every payload — sampled at Telemetry:TraceSampleRatio. What a request carried
/// (a personnummer, a kommun's facts) is never in what is exported; with no endpoint nothing is collected.
/// </summary>
public sealed class TelemetryExportTests : IAsyncLifetime
{
    private const string Personnummer = "19121212-1212";
    private readonly ConcurrentQueue<(string Path, byte[] Body)> received = new();
    private WebApplication collector = null!;
    private string collectorAddress = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Hosts.FreePort()}");
        collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue(("/v1/" + signal, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        collectorAddress = collector.Urls.First();
    }

    public async Task DisposeAsync() => await collector.DisposeAsync();

    private Dictionary<string, string?> Exporting(double ratio) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collectorAddress,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        ["Telemetry:TraceSampleRatio"] = ratio.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task CheckAsync(EligibilityHost eligibility, int times)
    {
        var client = eligibility.ClientFor("2514");
        for (var i = 0; i < times; i++)
        {
            await client.CheckEligibilityAsync(new CheckEligibilityRequest
            {
                Intervention = "municipalities/2514/interventions/bra-samtal",
                Facts = new Facts { PersonalIdentityNumber = Personnummer, RegisteredMunicipalityCode = "2514" },
            });
        }
    }

    private List<string> Exported() => received.ToArray().Select(r => System.Text.Encoding.Latin1.GetString(r.Body)).ToList();

    private async Task<bool> ReceivedAsync(string path, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (received.Any(r => r.Path == path))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    [Fact]
    public async Task EveryCallTraced_IsExportedWithoutWhatTheRequestCarried()
    {
        await using var catalog = await CatalogHost.StartAsync();
        await using var eligibility = await EligibilityHost.StartAsync(catalog, Hosts.TempPath("telemetry"), settings: Exporting(1.0));
        await CheckAsync(eligibility, 5);
        Assert.True(await ReceivedAsync("/v1/traces", TimeSpan.FromSeconds(20)), "no trace reached the collector");
        Assert.True(await ReceivedAsync("/v1/metrics", TimeSpan.FromSeconds(20)), "no metric reached the collector");

        // The route is there: the calls' spans may come in a later batch than the first export (the start's own spans).
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!Exported().Any(e => e.Contains("CheckEligibility", StringComparison.Ordinal)) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.Contains(Exported(), e => e.Contains("CheckEligibility", StringComparison.Ordinal));
        Assert.DoesNotContain(Exported(), e => e.Contains("19121212", StringComparison.Ordinal) || e.Contains("121212-1212", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARatioOfNothing_TracesNoCall_AndNoEndpoint_ExportsNothing()
    {
        await using var catalog = await CatalogHost.StartAsync();
        await using (var sampledOut = await EligibilityHost.StartAsync(catalog, Hosts.TempPath("telemetry-none"), settings: Exporting(0.0)))
        {
            await CheckAsync(sampledOut, 20);
            Assert.True(await ReceivedAsync("/v1/metrics", TimeSpan.FromSeconds(20)), "the metrics stopped too");
        }

        Assert.DoesNotContain(received, r => r.Path == "/v1/traces" && r.Body.Length > 0 && System.Text.Encoding.Latin1.GetString(r.Body).Contains("CheckEligibility", StringComparison.Ordinal));

        received.Clear();
        await using (var silent = await EligibilityHost.StartAsync(catalog, Hosts.TempPath("telemetry-off")))
        {
            await CheckAsync(silent, 5);
            await Task.Delay(1000);
        }

        Assert.Empty(received);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// A kommun's portal page on its own origin calls Eligibility from a real browser (Debian's Chromium by Playwright):
/// REST with a bearer token, and gRPC-web (a frame built by hand, as any gRPC-web library sends it). From the origin
/// configured in Cors:Origins both answer, the preflight passing without a token; from another origin the browser
/// blocks both. The pages are served by a second web server on another port, so the origins really differ.
/// </summary>
public sealed class PortalOriginPageTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private const string Page = """
        <!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Portal</title></head><body><h1>Portal</h1><script>
        function trailerStatus(bytes) {
          for (let i = 0; i + 5 <= bytes.length;) {
            const length = (bytes[i + 1] << 24) | (bytes[i + 2] << 16) | (bytes[i + 3] << 8) | bytes[i + 4];
            if (bytes[i] & 0x80) {
              const m = /grpc-status:\s*(\d+)/i.exec(new TextDecoder().decode(bytes.subarray(i + 5, i + 5 + length)));
              if (m) return m[1];
            }
            i += 5 + length;
          }
          return null;
        }
        async function run(service, token) {
          const out = {};
          try {
            const r = await fetch(service + "/v1/municipalities/2514/questions", { headers: { Authorization: "Bearer " + token } });
            out.rest = String(r.status);
            out.questions = ((await r.json()).questions || []).length;
          } catch (e) { out.rest = "blocked"; }
          try {
            const parent = new TextEncoder().encode("municipalities/2514");
            const message = new Uint8Array([0x0a, parent.length, ...parent]);
            const frame = new Uint8Array(5 + message.length);
            frame[4] = message.length;
            frame.set(message, 5);
            const r = await fetch(service + "/socialtjanst.eligibility.v1.EligibilityService/ListQuestions", {
              method: "POST", body: frame,
              headers: { Authorization: "Bearer " + token, "Content-Type": "application/grpc-web+proto", "X-Grpc-Web": "1" },
            });
            const bytes = new Uint8Array(await r.arrayBuffer());
            out.grpcWeb = String(r.status);
            out.grpcStatus = r.headers.get("grpc-status") ?? trailerStatus(bytes);
          } catch (e) { out.grpcWeb = "blocked"; }
          return out;
        }
        </script></body></html>
        """;

    private readonly int portalPort = Hosts.FreePort();
    private readonly int otherPort = Hosts.FreePort();
    private CatalogHost catalog = null!;
    private EligibilityHost eligibility = null!;
    private WebApplication pages = null!;

    public async Task InitializeAsync()
    {
        catalog = await CatalogHost.StartAsync();
        eligibility = await EligibilityHost.StartAsync(catalog, Hosts.TempPath("eligibility-portal-origin"),
            settings: new Dictionary<string, string?> { ["Cors:Origins:0"] = $"http://127.0.0.1:{portalPort}" });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{portalPort}", $"http://127.0.0.1:{otherPort}");
        pages = builder.Build();
        pages.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        await pages.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await pages.DisposeAsync();
        await eligibility.DisposeAsync();
        await catalog.DisposeAsync();
    }

    private async Task<Dictionary<string, string?>> CallFromAsync(int port)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{port}/");
        var token = catalog.Token("2514", "eligibility.check");
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>("([service, token]) => run(service, token)", new[] { eligibility.RestAddress, token });
        return result.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : p.Value.ToString());
    }

    [SkippableFact]
    public async Task ThePortalsOwnOrigin_CallsRestAndGrpcWeb_AnotherOriginIsBlockedByTheBrowser()
    {
        Skip.IfNot(File.Exists(Chromium), "Chromium is not installed here (.ci/run installs Debian's chromium)");

        var portal = await CallFromAsync(portalPort);
        Assert.Equal("200", portal["rest"]);
        Assert.True(int.Parse(portal["questions"]!, System.Globalization.CultureInfo.InvariantCulture) > 0, string.Join(", ", portal));
        Assert.Equal("200", portal["grpcWeb"]);
        Assert.Equal("0", portal["grpcStatus"]);

        var other = await CallFromAsync(otherPort);
        Assert.Equal("blocked", other["rest"]);
        Assert.Equal("blocked", other["grpcWeb"]);
    }
}

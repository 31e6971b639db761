using Microsoft.Playwright;
using Socialtjanst.Eligibility.V1;
using Xunit.Abstractions;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// The workbench behind a kommun's own sign-in: node-oidc-provider (a real provider, its own login page) issues the
/// token by the authorization code grant with PKCE to the page, a public client; the Catalog and the Eligibility
/// trust that provider for the kommun only through its discovery document and JWKS, and the page's calls to both
/// (the Eligibility's across origins) carry the token. No development token is minted in this mode.
/// </summary>
public sealed class WorkbenchSignInTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task TheNämndsStaff_SignInAtTheKommunsProvider_AndTheWorkbenchCallsBothServicesWithThatToken()
    {
        Skip.IfNot(File.Exists(Chromium), "Chromium is not installed here (.ci/run installs Debian's chromium)");
        var (catalogRest, eligibilityRest) = (Hosts.FreePort(), Hosts.FreePort());
        using var provider = await NodeOidcProvider.StartAsync("signin.mjs", new Dictionary<string, string>
        {
            ["REDIRECT_URI"] = $"http://127.0.0.1:{catalogRest}/workbench",
            ["KOMMUN"] = "9999",
            ["AUDIENCE"] = "socialtjanst",
        });
        var trust = new Dictionary<string, string?>
        {
            ["Auth:Issuers:0:Issuer"] = provider.Issuer,
            ["Auth:Issuers:0:Municipalities:0"] = "9999",
            ["Auth:Issuers:0:RequireHttpsMetadata"] = "false",
        };
        await using var catalog = await CatalogHost.StartAsync(restPort: catalogRest, settings: new Dictionary<string, string?>(trust)
        {
            ["Workbench:EligibilityUrl"] = $"http://127.0.0.1:{eligibilityRest}",
            ["Workbench:SignIn:Authority"] = provider.Issuer,
            ["Workbench:SignIn:ClientId"] = "workbench",
        });
        await using var eligibility = await EligibilityHost.StartAsync(catalog, Hosts.NewDirectory("workbench-signin"), restPort: eligibilityRest,
            settings: new Dictionary<string, string?>(trust) { ["Workbench:Origins:0"] = catalog.RestAddress });
        var answer = await eligibility.ClientFor("9999").CheckEligibilityAsync(new CheckEligibilityRequest
        {
            Intervention = "municipalities/9999/interventions/samtal-om-vald", AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = 41 },
        });
        await eligibility.DecisionLog.FlushAsync(CancellationToken.None);

        using (var http = new HttpClient { BaseAddress = new Uri(catalog.RestAddress) })
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync(new Uri("/workbench/token/9999", UriKind.Relative), null)).StatusCode);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "sv-SE" });
        page.Console += (_, message) => output.WriteLine("console: " + message.Text);
        // Only this machine answers: the provider's development pages also ask for a resource on the internet, which
        // without a name server kept its pages loading (the sign-in's timeouts on CI). Refused at once instead.
        await page.RouteAsync(url => !new Uri(url).IsLoopback, route => route.AbortAsync());
        await page.GotoAsync(catalog.RestAddress + "/workbench");
        await page.Locator("body[data-ready=true]").WaitForAsync();
        Assert.True(await page.Locator("#kommun").IsHiddenAsync()); // the kommun comes from the provider's token
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();

        // The provider's own login page (any login and password in its development interactions).
        // Not until "load": the provider's development pages ask for a resource elsewhere on the internet, and on a
        // machine without a name server the load event waits on it (the timeout seen on CI); the form is there before.
        await page.WaitForURLAsync(url => url.StartsWith(provider.Issuer, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("input[name=login]").FillAsync("handlaggare-1");
        await page.Locator("input[name=password]").FillAsync("losenord");
        await page.Locator("button[type=submit]").ClickAsync();

        await page.GetByText("Authorize").First.WaitForAsync(); // its consent page: the scopes the workbench asks for
        await page.Locator("button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(url => url.StartsWith(catalog.RestAddress, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("body[data-ready=true]").WaitForAsync();
        await page.GetByText("Inloggad för kommun 9999.").WaitForAsync();

        Assert.Equal(catalog.RestAddress + "/workbench", page.Url); // the code is gone from the address
        await page.GetByLabel("Dag", new() { Exact = true }).FillAsync("2025-10-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa katalogen" }).ClickAsync();
        await page.Locator("#catalog article").First.WaitForAsync();
        await page.GetByLabel("Svarets id").FillAsync(answer.DecisionId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Slå upp" }).ClickAsync();
        await page.GetByText("Svaret hittades.").WaitForAsync();
        Assert.Contains("40–49 år", await page.Locator("#decision").InnerTextAsync(), StringComparison.Ordinal);
    }
}

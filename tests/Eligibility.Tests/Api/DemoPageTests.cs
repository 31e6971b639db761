using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Socialtjanst.Eligibility.V1;
using Xunit.Abstractions;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// The demo e-tjänst in a real headless browser (Debian's Chromium, driven by Playwright for .NET): a resident
/// answers the questions the contract gives, with the keyboard, and sees what they can use directly, why, and
/// the 11 kap. 6 § information. The expected insats comes from a gRPC check with the same facts, not from the
/// page. Screenshots are kept in TestResults/screenshots. Needs /usr/bin/chromium (.ci/run installs it).
/// </summary>
public sealed class DemoPageTests(EligibilityStack stack, ITestOutputHelper output) : IClassFixture<EligibilityStack>
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string Screenshots = Path.Combine(Hosts.RepositoryRoot(), "TestResults", "screenshots");

    private async Task<(IPlaywright Playwright, IBrowser Browser, IPage Page)> OpenAsync()
    {
        Skip.IfNot(File.Exists(Chromium), "Chromium is not installed here (.ci/run installs Debian's chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "sv-SE" });
        await page.GotoAsync(stack.Eligibility.RestAddress + "/demo");
        return (playwright, browser, page);
    }

    private async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, $"demo-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }

    [SkippableFact]
    public async Task AResidentOfKalix_AnswersTheQuestionsWithTheKeyboard_AndSeesWhatTheyCanUseDirectly_WithWhyAndTheInformation()
    {
        // What the suite itself says for these facts (gRPC, not the page).
        var facts = new Facts { StatedAge = 12, RegisteredMunicipalityCode = "2514", GuardianConsent = true };
        facts.Attested["omsorgsperson-med-skadligt-bruk"] = true;
        var expected = await stack.Eligibility.ClientFor("2514").CheckEligibilityAsync(new CheckEligibilityRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal", Facts = facts,
        });
        Assert.Equal(Outcome.Eligible, expected.Outcome);

        var (playwright, browser, page) = await OpenAsync();
        await using var _ = browser;
        using var __ = playwright;
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));

        // Keyboard only: skip link, then the kommun select.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("kommun", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Locator("#kommun").SelectOptionAsync("2514");
        await page.GetByText("Hur gammal är du?").WaitForAsync();
        await ShotAsync(page, "1-questions");

        await page.GetByLabel("Hur gammal är du?").FillAsync("12");
        await page.GetByLabel("I vilken kommun är du folkbokförd?").SelectOptionAsync("2514");
        await page.GetByRole(AriaRole.Group, new() { Name = "Har din vårdnadshavare sagt ja till att du tar del av insatsen?" }).GetByLabel("Ja", new() { Exact = true }).CheckAsync();
        var fact = page.GetByRole(AriaRole.Group).Filter(new() { HasText = "omsorgsperson med skadligt bruk" });
        await fact.GetByLabel("Ja", new() { Exact = true }).CheckAsync();
        await page.Locator("#visa").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var results = page.Locator("#resultat");
        await results.GetByText(expected.InterventionDisplayName).First.WaitForAsync();
        Assert.Equal("svar-rubrik", await page.EvaluateAsync<string>("document.activeElement.id")); // focus moves to the answer
        Assert.Contains(expected.Information.Text, await page.Locator("#information").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(expected.Information.Paragraph, await page.Locator("#paragraf").InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(page, "2-answer");

        await page.GetByRole(AriaRole.Button, new() { Name = "Visa varför: " + expected.InterventionDisplayName }).ClickAsync();
        var why = await results.Locator("[id^=varfor-]:not([hidden])").InnerTextAsync();
        Assert.Contains("21 kap. 2 § SoL", why, StringComparison.Ordinal);
        Assert.Contains(expected.Conditions.First(c => c.Source != "21 kap. 2 § SoL").Source, why, StringComparison.Ordinal);
        await ShotAsync(page, "3-why");
    }

    [SkippableFact]
    public async Task ThePage_LabelsEveryField_NeverAsksForNeeds_AndPassesAxeWcag21AA()
    {
        var (playwright, browser, page) = await OpenAsync();
        await using var _ = browser;
        using var __ = playwright;
        foreach (var kommun in new[] { "2514", "1489", "9999" })
        {
            await page.Locator("#kommun").SelectOptionAsync(kommun);
            await page.Locator("#questions fieldset, #questions input").First.WaitForAsync();

            // Every field a person fills has a label; radio groups have a legend.
            var unlabelled = await page.EvaluateAsync<string[]>(
                "[...document.querySelectorAll('input, select')].filter(e => e.type !== 'hidden' && e.labels.length === 0).map(e => e.id)");
            Assert.Empty(unlabelled);
            Assert.Equal(0, await page.Locator("textarea").CountAsync()); // no free text: facts, never needs
            var text = await page.Locator("#questions").InnerTextAsync();
            Assert.DoesNotContain("behov", text, StringComparison.OrdinalIgnoreCase);

            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            Assert.True(axe.Violations.Length == 0, kommun + ": " + string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
            await ShotAsync(page, "questions-" + kommun);
        }
    }

    [Fact]
    public async Task TheTokenEndpoint_MintsOnlyAShortCheckToken_ForAKommunWithACatalog()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.Eligibility.RestAddress) };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync("/demo/token/0000", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync("/demo/token/abcd", null)).StatusCode);
        var json = System.Text.Json.JsonDocument.Parse(await (await http.PostAsync("/demo/token/2514", null)).Content.ReadAsStringAsync());
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(json.RootElement.GetProperty("token").GetString());
        Assert.Equal("eligibility.check", token.GetClaim("scope").Value);
        Assert.True(token.ValidTo - token.IssuedAt <= TimeSpan.FromMinutes(15));
        var page = await http.GetAsync("/demo");
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}

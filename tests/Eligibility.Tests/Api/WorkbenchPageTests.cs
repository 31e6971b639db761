using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;
using Xunit.Abstractions;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// The nämnd's workbench (served by the Catalog's REST face, calling the Eligibility's across origins) in a real
/// headless browser (Debian's Chromium, Playwright for .NET): the catalog of a day with the guideline's words and
/// the legal findings, a YAML draft validated, evaluated and imported, and an answer looked up by its id. What the
/// page should show is read over gRPC, not from the page. Screenshots in TestResults/screenshots.
/// </summary>
public sealed class WorkbenchPageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(Hosts.RepositoryRoot(), "TestResults", "screenshots");
    private static readonly AxeRunOptions Wcag = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
    private static readonly string Key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly string state = Hosts.TempPath("workbench");
    private CatalogHost catalog = null!;
    private EligibilityHost eligibility = null!;

    public async Task InitializeAsync()
    {
        // The two REST ports are chosen before either host starts (each names the other); another process may take
        // one in between, so a start that finds its port taken is tried again with new ones.
        for (var attempt = 1; ; attempt++)
        {
            var (catalogRest, eligibilityRest) = (Hosts.FreePort(), Hosts.FreePort());
            try
            {
                Directory.CreateDirectory(state);
                await File.WriteAllTextAsync(Path.Combine(state, "workbench.key"), Key);
                catalog = await CatalogHost.StartAsync(restPort: catalogRest, settings: new Dictionary<string, string?>
                {
                    ["Workbench:EligibilityUrl"] = $"http://127.0.0.1:{eligibilityRest}",
                    ["Workbench:DevelopmentKeyFile"] = Path.Combine(state, "workbench.key"),
                });
                eligibility = await EligibilityHost.StartAsync(catalog, state, restPort: eligibilityRest, settings: new Dictionary<string, string?> { ["Workbench:Origins:0"] = catalog.RestAddress });
                return;
            }
            catch (IOException) when (attempt < 3)
            {
                if (catalog is not null)
                {
                    await catalog.DisposeAsync();
                    catalog = null!;
                }
            }
        }
    }

    public async Task DisposeAsync()
    {
        await eligibility.DisposeAsync();
        await catalog.DisposeAsync();
    }

    private async Task<(IPlaywright Playwright, IBrowser Browser, IPage Page)> OpenAsync(string kommun)
    {
        Skip.IfNot(File.Exists(Chromium), "Chromium is not installed here (.ci/run installs Debian's chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "sv-SE", TimezoneId = "Europe/Stockholm" });
        page.Console += (_, message) => output.WriteLine("console: " + message.Text);
        await page.GotoAsync(catalog.RestAddress + "/workbench#key=" + Key);
        await page.Locator("body[data-ready=true]").WaitForAsync();
        Assert.DoesNotContain(Key, page.Url, StringComparison.Ordinal); // taken out of the address (history, bookmarks, screenshots)
        await page.Locator("#kommun").SelectOptionAsync(kommun);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.GetByText("Inloggad för").WaitForAsync();
        return (playwright, browser, page);
    }

    private async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, $"workbench-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }

    private static async Task AccessibleAsync(IPage page, string where)
    {
        var axe = await page.RunAxe(Wcag);
        Assert.True(axe.Violations.Length == 0, where + ": " + string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
        var unlabelled = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('input, select')].filter(e => e.type !== 'hidden' && !e.hidden && e.labels.length === 0).map(e => e.id)");
        Assert.Empty(unlabelled);
    }

    [SkippableFact]
    public async Task TheCatalogOfADay_ShowsEveryInsats_TheGuidelinesWords_AndEveryLegalFinding()
    {
        // What the catalog holds on the day, over gRPC: the insatser, their findings, a guideline wording.
        var expected = (await catalog.ClientFor("1489").ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/1489", AsOf = D.Of(2025, 10, 1), PageSize = 200 })).Interventions;
        var findings = expected.SelectMany(i => i.Findings).ToList();
        Assert.NotEmpty(findings);
        var wording = expected.Select(i => i.Conditions).Where(c => c is not null && c.SourceText.Length > 0).Select(c => c.SourceText).First();

        var (playwright, browser, page) = await OpenAsync("1489");
        await using var _ = browser;
        using var __ = playwright;
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        await page.GetByLabel("Dag", new() { Exact = true }).FillAsync("2025-10-01");
        await page.GetByLabel("Dag", new() { Exact = true }).PressAsync("Enter");
        await page.Locator("#catalog article").First.WaitForAsync();

        Assert.Equal(expected.Count, await page.Locator("#catalog article").CountAsync());
        Assert.Equal(findings.Count, await page.Locator("#catalog .finding").CountAsync());
        var shown = await page.Locator("#catalog").InnerTextAsync();
        Assert.All(findings, f => Assert.Contains(f.Message, shown, StringComparison.Ordinal));
        Assert.Contains(findings[0].Paragraph, await page.Locator("#catalog .finding").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(wording.Trim(), shown, StringComparison.Ordinal);
        Assert.Contains(expected[0].SourceReference, shown, StringComparison.Ordinal);
        await AccessibleAsync(page, "catalog");
        await ShotAsync(page, "1-catalog");
    }

    [SkippableFact]
    public async Task ADraft_IsValidated_Evaluated_AgainstProfilesAndPastQuestions_ThenImported()
    {
        // A question asked about the insats the draft changes: 19 years old with the attested fact, not eligible today (20+).
        var insats = "municipalities/9999/interventions/kort-intervention";
        var portal = eligibility.ClientFor("9999");
        var question = new Facts { StatedAge = 19, RegisteredMunicipalityCode = "9999" };
        question.Attested[(await catalog.ClientFor("9999").GetInterventionAsync(new GetInterventionRequest { Name = insats, AsOf = D.Of(2025, 10, 1) })).Intervention.Conditions.All.Conditions.First(c => c.AttestedFact is not null).AttestedFact.Code] = true;
        Assert.Equal(Outcome.NotEligible, (await portal.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = insats, AsOf = D.Of(2025, 10, 1), Facts = question })).Outcome);
        await eligibility.DecisionLog.FlushAsync(CancellationToken.None);

        const string today = "        - age: {min: 20}\n          source_text: Vuxna över 20 år.\n";
        var file = SeedFiles.Read(SeedFiles.Exempelkommun).ReplaceLineEndings("\n");
        var edit = file.IndexOf(today, file.IndexOf("  - id: kort-intervention\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var draft = Path.Combine(state, "utkast.yaml");
        await File.WriteAllTextAsync(draft, string.Concat(file.AsSpan(0, edit), "        - age: {min: 18}\n          source_text: Vuxna över 18 år.\n", file.AsSpan(edit + today.Length)));
        var validated = await catalog.ClientFor("9999", "catalog.write").ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/9999", Content = await File.ReadAllTextAsync(draft) });
        var grid = await new WhatIfService.WhatIfServiceClient(Hosts.Authorized(eligibility.Channel(), catalog.Token("9999", "catalog.write")))
            .EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", Put = { validated.Draft } });
        var changed = grid.Impacts.Single(i => i.Intervention == insats).Changed;
        Assert.True(changed > 0);

        var (playwright, browser, page) = await OpenAsync("9999");
        await using var _ = browser;
        using var __ = playwright;
        await page.GetByLabel("Katalogfil (YAML)").SetInputFilesAsync(draft);
        var stockholm = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);
        await page.GetByLabel("Från och med").FillAsync(stockholm.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Till och med").FillAsync(stockholm.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Granska utkastet" }).ClickAsync();
        await page.GetByText("Utkastet kan importeras").WaitForAsync();
        await page.Locator("#whatif table").Nth(1).WaitForAsync();

        // The profile table: the edited insats with the count the gRPC what-if gives; the past questions: the one asked.
        var profiles = page.Locator("#whatif table").First;
        Assert.Equal(changed.ToString(System.Globalization.CultureInfo.InvariantCulture), (await profiles.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "kort-intervention" }) }).Locator("td.num").First.InnerTextAsync()).Trim());
        var past = page.Locator("#whatif table").Nth(1);
        Assert.Contains("Mot 1 frågor", await past.Locator("caption").InnerTextAsync(), StringComparison.Ordinal);
        var pastRow = await past.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "kort-intervention" }) }).InnerTextAsync();
        Assert.Contains("Uppfyller inte villkoren", pastRow, StringComparison.Ordinal);
        Assert.Contains("Kan använda direkt", pastRow, StringComparison.Ordinal);
        await AccessibleAsync(page, "draft");
        await ShotAsync(page, "2-draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Importera utkastet" }).ClickAsync();
        await page.GetByText("Importerat: katalogen är nu på revision").WaitForAsync();
        var now = await catalog.ClientFor("9999").GetInterventionAsync(new GetInterventionRequest { Name = insats, AsOf = D.Of(2025, 10, 1) });
        Assert.Equal(18, now.Intervention.Conditions.All.Conditions.First(c => c.Age is not null).Age.MinYears);
        await ShotAsync(page, "3-imported");
    }

    [SkippableFact]
    public async Task ABrokenDraft_IsReported_WithLineAndParagraph_AndCannotBeImported()
    {
        var (playwright, browser, page) = await OpenAsync("9999");
        await using var _ = browser;
        using var __ = playwright;

        var malformed = Path.Combine(state, "trasig.yaml");
        Directory.CreateDirectory(state);
        await File.WriteAllTextAsync(malformed, "municipality_code: \"9999\"\ninterventions:\n  - id: x\n    name: [unclosed\n");
        await page.GetByLabel("Katalogfil (YAML)").SetInputFilesAsync(malformed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Granska utkastet" }).ClickAsync();
        await page.GetByText("Utkastet kan inte importeras").WaitForAsync();
        Assert.Matches("rad \\d+", await page.Locator("#report").InnerTextAsync());
        Assert.True(await page.Locator("#import-area").IsHiddenAsync());

        // A legal problem: a needs-assessed insats' documentation exemption under 14 kap. (what the Catalog refuses, by paragraph).
        var file = SeedFiles.Read(SeedFiles.Exempelkommun).ReplaceLineEndings("\n");
        var illegal = Path.Combine(state, "olaglig.yaml");
        await File.WriteAllTextAsync(illegal, file.Replace("    access: direct\n    kind: support\n    delivery: individual\n    max_sessions: 5\n    content: Upp till fem samtal för att motivera", "    access: needs_assessed\n    kind: support\n    delivery: individual\n    max_sessions: 5\n    content: Upp till fem samtal för att motivera", StringComparison.Ordinal));
        var expected = await catalog.ClientFor("9999", "catalog.write").ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/9999", Content = await File.ReadAllTextAsync(illegal) });
        Assert.False(expected.Report.Valid);
        var paragraph = expected.Report.Errors.First(e => e.Paragraph.Length > 0).Paragraph;

        await page.GetByLabel("Katalogfil (YAML)").SetInputFilesAsync(illegal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Granska utkastet" }).ClickAsync();
        await page.Locator("#report table").First.WaitForAsync();
        Assert.Contains(paragraph, await page.Locator("#report").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#import-area").IsHiddenAsync());
        await AccessibleAsync(page, "broken draft");
        await ShotAsync(page, "4-broken-draft");
    }

    [SkippableFact]
    public async Task AnAnswer_IsLookedUpByItsId_InTheOwnKommunOnly()
    {
        var answer = await eligibility.ClientFor("9999").CheckEligibilityAsync(new CheckEligibilityRequest
        {
            Intervention = "municipalities/9999/interventions/samtal-om-vald", AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = 34, RegisteredMunicipalityCode = "9999" },
        });
        var theirsAsked = DateTimeOffset.UtcNow;
        var theirs = await eligibility.ClientFor("2514").CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = 30 } });
        await eligibility.DecisionLog.FlushAsync(CancellationToken.None);

        var (playwright, browser, page) = await OpenAsync("9999");
        await using var _ = browser;
        using var __ = playwright;
        await page.GetByLabel("Svarets id").FillAsync(answer.DecisionId);
        await page.GetByLabel("Svarets id").PressAsync("Enter");
        await page.GetByText("Svaret hittades.").WaitForAsync();
        var shown = await page.Locator("#decision").InnerTextAsync();
        Assert.Contains("30–39 år", shown, StringComparison.Ordinal);
        // The age asked with is nowhere (the answer's time of day may hold the digits: dates and times are taken out first).
        Assert.DoesNotContain("34", System.Text.RegularExpressions.Regex.Replace(shown, @"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}(:\d{2})?", "·"), StringComparison.Ordinal);
        Assert.All(answer.Conditions, c => Assert.Contains(c.Source, shown, StringComparison.Ordinal));
        await AccessibleAsync(page, "decision");
        await ShotAsync(page, "5-decision");

        // Another kommun's answer is not found in this one. An id younger than the read-your-write window is "not yet
        // saved" (UNAVAILABLE) whichever kommun it is of, so the look-up waits the window out first.
        var age = DateTimeOffset.UtcNow - theirsAsked;
        if (age < Application.ReadYourWrite.Window)
        {
            await Task.Delay(Application.ReadYourWrite.Window - age + TimeSpan.FromMilliseconds(200));
        }

        await page.GetByLabel("Svarets id").FillAsync(theirs.DecisionId);
        await page.GetByLabel("Svarets id").PressAsync("Enter");
        await page.GetByText("Inget svar med det id:t i din kommun.").WaitForAsync();
    }

    [Fact]
    public async Task TheTokenEndpoint_IsForTheEmbeddedDefault_AndThePageMayCallOnlyItsOwnApis()
    {
        using var http = new HttpClient { BaseAddress = new Uri(catalog.RestAddress) };
        // Without the key from the owner's data folder, or with another, nothing (another account on this machine).
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync(new Uri("/workbench/token/9999", UriKind.Relative), null)).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "/workbench/token/9999"))
        {
            wrong.Headers.Add("X-Workbench-Key", new string('0', 64));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.SendAsync(wrong)).StatusCode);
        }

        http.DefaultRequestHeaders.Add("X-Workbench-Key", Key);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync(new Uri("/workbench/token/0000", UriKind.Relative), null)).StatusCode);
        // A page that rebinds its own name to this machine still sends its name: not answered.
        foreach (var host in new[] { "evil.example", "evil.example:" + new Uri(catalog.RestAddress).Port, "10.0.0.5" })
        {
            using var rebound = new HttpRequestMessage(HttpMethod.Post, "/workbench/token/9999");
            rebound.Headers.Host = host;
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.SendAsync(rebound)).StatusCode);
        }

        using var byName = new HttpRequestMessage(HttpMethod.Post, "/workbench/token/9999");
        byName.Headers.Host = "localhost:" + new Uri(catalog.RestAddress).Port;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.SendAsync(byName)).StatusCode);
        var json = System.Text.Json.JsonDocument.Parse(await (await http.PostAsync(new Uri("/workbench/token/9999", UriKind.Relative), null)).Content.ReadAsStringAsync());
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(json.RootElement.GetProperty("token").GetString());
        Assert.Equal(("9999", "catalog.read catalog.write decisions.read"), (token.GetClaim("kommun").Value, token.GetClaim("scope").Value));
        var page = await http.GetAsync(new Uri("/workbench", UriKind.Relative));
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' " + eligibility.RestAddress, policy, StringComparison.Ordinal);

        // The Eligibility answers the workbench's origin, and no other.
        using var rest = new HttpClient { BaseAddress = new Uri(eligibility.RestAddress) };
        async Task<string?> AllowedAsync(string origin)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/municipalities/9999:evaluateDraft");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            var response = await rest.SendAsync(preflight);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal(catalog.RestAddress, await AllowedAsync(catalog.RestAddress));
        Assert.Null(await AllowedAsync("https://elsewhere.example"));
    }
}

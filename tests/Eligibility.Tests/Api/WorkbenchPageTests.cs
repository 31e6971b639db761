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

    /// <summary>A state of the page: axe finds nothing, nothing is wider than the window, and a screenshot is kept.</summary>
    private async Task StateAsync(IPage page, int width, string name)
    {
        await AccessibleAsync(page, $"{name} at {width}px");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{name} at {width}px is wider than the window");
        await ShotAsync(page, $"task-{width}-{name}");
    }

    public static TheoryData<int> Widths() => [1280, 390];

    /// <summary>
    /// An administrator's whole task: sign in, read the catalog of a day and search it, download it, change an age limit
    /// (under the same nämnd decision, its quote left as it was), have the draft reviewed, see the change by name and
    /// field and both warnings, confirm, import, see the revision in the history and its diff, undo the import, read an
    /// old-act day, sign out. Every fact the page should show is read over gRPC; axe-core in every state.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Widths))]
    public async Task AnAdministrator_DownloadsEditsReviewsConfirmsImportsAndUndoes_AtEveryWidth(int width)
    {
        Skip.IfNot(File.Exists(Chromium), "Chromium is not installed here (.ci/run installs Debian's chromium)");
        var kalix = catalog.ClientFor("2514", "catalog.read", "catalog.write");
        const string bra = "municipalities/2514/interventions/bra-samtal";
        int MinAge(Intervention iv) => iv.Conditions.All.Conditions.First(c => c.Age is not null).Age.MinYears;
        Assert.Equal(7, MinAge((await kalix.GetInterventionAsync(new GetInterventionRequest { Name = bra, AsOf = D.Of(2025, 10, 1) })).Intervention));

        var (playwright, browser, page) = await OpenAsync("2514");
        await using var _ = browser;
        using var __ = playwright;
        await page.SetViewportSizeAsync(width, 900);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await StateAsync(page, width, "1-signed-in");

        // The catalog of a day, searched.
        await page.GetByLabel("Dag", new() { Exact = true }).FillAsync("2025-10-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa katalogen" }).ClickAsync();
        await page.Locator("#catalog article.insats").First.WaitForAsync();
        await page.GetByLabel("Sök bland insatserna").FillAsync("boostersamtal");
        Assert.Equal(["Boostersamtal"], (await page.Locator("#catalog article.insats h3").AllInnerTextsAsync()).Select(t => t.Trim()));
        await StateAsync(page, width, "2-catalog-searched");
        await page.GetByLabel("Sök bland insatserna").FillAsync("");

        // Download, edit, review.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Ladda ner som YAML" }).ClickAsync());
        Assert.Equal("2514-katalog-2025-10-01.yaml", download.SuggestedFilename);
        var file = Path.Combine(state, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var lines = (await File.ReadAllLinesAsync(file)).ToList();
        var at = lines.FindIndex(lines.FindIndex(l => l.Contains("id: bra-samtal", StringComparison.Ordinal)), l => l.Contains("min: 7", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("min: 7", "min: 9", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, lines);
        var expected = (await kalix.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/2514", Content = await File.ReadAllTextAsync(file) })).Report;
        var warnings = expected.Findings.Where(f => f.Code is "rules-changed-under-same-decision" or "quote-does-not-match-rule").ToList();
        Assert.Equal(2, warnings.Count);

        await page.GetByLabel("Katalogfil (YAML)").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Granska utkastet" }).ClickAsync();
        Assert.Equal("true", await page.Locator("#draft-form button[type=submit]").GetAttributeAsync("aria-busy")); // a loading state while it works
        await page.GetByText("Utkastet kan importeras").WaitForAsync();
        await page.Locator("#draft-status").GetByText("Granskningen är klar.", new() { Exact = true }).WaitForAsync();
        var changes = await page.Locator("#report .changes").InnerTextAsync();
        Assert.Contains("BRA-samtal: ändras", changes, StringComparison.Ordinal);
        Assert.Contains("Villkor", changes, StringComparison.Ordinal);
        Assert.Contains("7–18 år", changes, StringComparison.Ordinal);
        Assert.Contains("9–18 år", changes, StringComparison.Ordinal);
        var report = await page.Locator("#report").InnerTextAsync();
        Assert.All(warnings, w => Assert.Contains(w.Message, report, StringComparison.Ordinal));
        Assert.Contains($"rad {warnings[0].Line}", report, StringComparison.Ordinal);
        Assert.DoesNotContain("bra-samtal", await page.Locator("#whatif").InnerTextAsync(), StringComparison.Ordinal); // names, not ids
        await StateAsync(page, width, "3-reviewed");

        // Confirm: the warnings again, and nothing is written until it is ticked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Importera utkastet" }).ClickAsync();
        Assert.Equal(2, await page.Locator("#confirm-warnings .finding").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Importera", Exact = true }).ClickAsync();
        await page.GetByText("Kryssa i att du har granskat").WaitForAsync();
        Assert.Equal(7, MinAge((await kalix.GetInterventionAsync(new GetInterventionRequest { Name = bra, AsOf = D.Of(2025, 10, 1) })).Intervention));
        await StateAsync(page, width, "4-confirm");
        await page.GetByLabel("Jag har granskat ändringarna").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Importera", Exact = true }).ClickAsync();
        await page.GetByText("Importerat: katalogen är nu på revision").WaitForAsync();
        Assert.Equal(9, MinAge((await kalix.GetInterventionAsync(new GetInterventionRequest { Name = bra, AsOf = D.Of(2025, 10, 1) })).Intervention));
        await StateAsync(page, width, "5-imported");

        // History and diff of the import.
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa historiken" }).ClickAsync();
        await page.Locator("#history table").WaitForAsync();
        var newest = page.Locator("#history table tr").Nth(1);
        Assert.Contains("Import", await newest.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("BRA-samtal", await newest.InnerTextAsync(), StringComparison.Ordinal);
        await newest.GetByRole(AriaRole.Button, new() { Name = "Visa ändringar i revision" }).ClickAsync();
        await page.Locator("#diff table").WaitForAsync();
        var diff = await page.Locator("#diff").InnerTextAsync();
        Assert.Contains("BRA-samtal", diff, StringComparison.Ordinal);
        Assert.Contains("Villkor", diff, StringComparison.Ordinal);
        await StateAsync(page, width, "6-history-diff");

        // Undo the import.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ångra importen" }).ClickAsync();
        await page.Locator("#import-status").GetByText("Återställt").WaitForAsync();
        Assert.Equal(7, MinAge((await kalix.GetInterventionAsync(new GetInterventionRequest { Name = bra, AsOf = D.Of(2025, 10, 1) })).Intervention));
        var writes = await new CatalogHistoryService.CatalogHistoryServiceClient(Hosts.Authorized(catalog.Channel(), catalog.Token("2514", "catalog.read")))
            .ListCatalogRevisionsAsync(new ListCatalogRevisionsRequest { Parent = "municipalities/2514", PageSize = 2 });
        Assert.Equal(["RevertCatalog", "ImportCatalog"], writes.Revisions.Select(r => r.Method));
        await StateAsync(page, width, "7-undone");

        // An old-act day: the paragraphs as SoL (2001:453) numbered them.
        await page.GetByLabel("Dag", new() { Exact = true }).FillAsync("2025-03-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa katalogen" }).ClickAsync();
        await page.Locator("#law").GetByText("2001:453").WaitForAsync();
        await page.Locator("#catalog-status").GetByText("2025-03-01").WaitForAsync();
        // In SoL (2001:453) 11 kap. 5 § was the documentation duty and 11 kap. 1 § the investigation: neither labels access.
        var access = await page.Locator("#catalog article.insats dt:text-is('Tillgång') + dd").AllInnerTextsAsync();
        Assert.NotEmpty(access);
        Assert.All(access, a => Assert.DoesNotContain("11 kap.", a, StringComparison.Ordinal));
        await StateAsync(page, width, "8-old-act-day");

        // Errors beside their fields.
        await page.GetByLabel("Svarets id").FillAsync("inte-ett-id");
        await page.GetByRole(AriaRole.Button, new() { Name = "Slå upp" }).ClickAsync();
        Assert.Equal("true", await page.Locator("#decision-id").GetAttributeAsync("aria-invalid"));
        Assert.False(await page.Locator("#decision-id-fel").IsHiddenAsync());
        await StateAsync(page, width, "9-field-error");

        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await page.GetByText("Du är utloggad.").WaitForAsync();
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Ladda ner som YAML" }).IsDisabledAsync());
        await StateAsync(page, width, "10-signed-out");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tillgänglighetsredogörelse" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tillgänglighetsredogörelse", Level = 1 }).WaitForAsync();
        await StateAsync(page, width, "11-accessibility-statement");
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
        await page.Locator("#catalog article.insats").First.WaitForAsync();

        Assert.Equal(expected.Count, await page.Locator("#catalog article.insats").CountAsync());
        Assert.Equal(findings.Count, await page.Locator("#catalog article.insats .finding").CountAsync());
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
        var insatsName = validated.Draft.Single(d => d.Name == insats).DisplayName;
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
        Assert.Equal(changed.ToString(System.Globalization.CultureInfo.InvariantCulture), (await profiles.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = insatsName }) }).Locator("td.num").First.InnerTextAsync()).Trim());
        var past = page.Locator("#whatif table").Nth(1);
        Assert.Contains("Mot 1 frågor", await past.Locator("caption").InnerTextAsync(), StringComparison.Ordinal);
        var pastRow = await past.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = insatsName }) }).InnerTextAsync();
        Assert.Contains("Uppfyller inte villkoren", pastRow, StringComparison.Ordinal);
        Assert.Contains("Kan använda direkt", pastRow, StringComparison.Ordinal);
        await AccessibleAsync(page, "draft");
        await ShotAsync(page, "2-draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Importera utkastet" }).ClickAsync();
        await page.GetByLabel("Jag har granskat ändringarna").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Importera", Exact = true }).ClickAsync();
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

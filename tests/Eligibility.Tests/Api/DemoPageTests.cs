using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Socialtjanst.Eligibility.V1;
using Xunit.Abstractions;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// The demo e-tjänst in a real headless browser (Debian's Chromium, driven by Playwright for .NET), as a resident uses
/// it: from the start page, one question at a time, a summary with "ändra", to an answer with each insats'
/// description, where to turn, the 11 kap. 6 § information and the answer's id — at 1280 and at 390 px, with axe-core
/// (WCAG 2.1 A and AA) in every state. What the page should show comes from gRPC calls with the same facts (the list,
/// the decision log, the API's own error), never from the page. Screenshots are kept in TestResults/screenshots.
/// Needs /usr/bin/chromium (.ci/run installs it).
/// </summary>
public sealed class DemoPageTests(EligibilityStack stack, ITestOutputHelper output) : IClassFixture<EligibilityStack>
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string Screenshots = Path.Combine(Hosts.RepositoryRoot(), "TestResults", "screenshots");

    public static TheoryData<int> Widths() => [1280, 390];

    private async Task<(IPlaywright Playwright, IBrowser Browser, IPage Page)> OpenAsync(int width)
    {
        Skip.IfNot(File.Exists(Chromium), "Chromium is not installed here (.ci/run installs Debian's chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "sv-SE", ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        await page.GotoAsync(stack.Eligibility.RestAddress + "/demo");
        return (playwright, browser, page);
    }

    /// <summary>A state of the page: axe finds nothing, nothing is wider than the window, and a screenshot is kept.</summary>
    private async Task StateAsync(IPage page, int width, string name)
    {
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, $"{name} at {width}px: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"{name} at {width}px is wider than the window");
        var unlabelled = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('input, select')].filter(e => e.offsetParent !== null && e.labels.length === 0).map(e => e.id)");
        Assert.Empty(unlabelled);
        Assert.Equal(0, await page.Locator("textarea").CountAsync()); // no free text: facts, never needs
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, $"demo-{width}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }

    /// <summary>The answers of a made-up person, by question code; anything else is "vet inte".</summary>
    private static readonly Dictionary<string, Func<int, object>> Person = new(StringComparer.Ordinal)
    {
        ["age"] = age => age,
        ["registered_municipality"] = _ => "2514",
        ["guardian_consent"] = _ => true,
        ["guardian_informed"] = _ => true,
        ["fact:omsorgsperson-med-skadligt-bruk"] = _ => true,
        ["fact:avslutad-behandlingsinsats"] = _ => true,
        ["fact:vistas-i-familjehem"] = _ => false,
        ["fact:blivande-foralder"] = _ => false,
    };

    private static void Put(Facts facts, string code, object value)
    {
        switch (code)
        {
            case "age": facts.StatedAge = (int)value; break;
            case "registered_municipality": facts.RegisteredMunicipalityCode = (string)value; break;
            case "guardian_consent": facts.GuardianConsent = (bool)value; break;
            case "guardian_informed": facts.GuardianInformed = (bool)value; break;
            default: facts.Attested[code["fact:".Length..]] = (bool)value; break;
        }
    }

    /// <summary>Answers the question on screen as the person would; returns its code (found by its text in ListQuestions).</summary>
    private static async Task<string> AnswerAsync(IPage page, IReadOnlyList<Question> questions, int age, Facts facts)
    {
        var text = (await page.Locator("#fraga-rubrik").InnerTextAsync()).Trim();
        var question = Assert.Single(questions, q => q.Text == text);
        Assert.Equal(question.Help, (await page.Locator("#svar-falt-hjalp").InnerTextAsync()).Trim());
        var field = page.Locator("#fraga-falt");
        if (Person.TryGetValue(question.Code, out var answer))
        {
            var value = answer(age);
            Put(facts, question.Code, value);
            switch (value)
            {
                case int years: await page.Locator("#svar-falt").FillAsync(years.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
                case string kommun: await page.Locator("#svar-falt").SelectOptionAsync(kommun); break;
                case bool yes: await field.GetByLabel(yes ? "Ja" : "Nej", new() { Exact = true }).CheckAsync(); break;
            }
        }
        else if (question.Type == FactType.YesNo)
        {
            await field.GetByLabel("Vet inte", new() { Exact = true }).CheckAsync();
        }

        return question.Code;
    }

    [SkippableTheory]
    [MemberData(nameof(Widths))]
    public async Task AResident_GoesFromTheStartPage_OneQuestionAtATime_ToAnAnswerWithItsId(int width)
    {
        var kalix = stack.Eligibility.ClientFor("2514");
        var questions = (await kalix.ListQuestionsAsync(new ListQuestionsRequest { Parent = "municipalities/2514" })).Questions;
        var (playwright, browser, page) = await OpenAsync(width);
        await using var _ = browser;
        using var __ = playwright;
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        await StateAsync(page, width, "1-start");

        // Keyboard only: skip link, then the kommun.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("kommun", await page.EvaluateAsync<string>("document.activeElement.id"));

        // Starting without a kommun names the field.
        await page.Locator("#borja").ClickAsync();
        Assert.Equal("true", await page.Locator("#kommun").GetAttributeAsync("aria-invalid"));
        Assert.False(await page.Locator("#kommun-fel").IsHiddenAsync());
        await StateAsync(page, width, "2-no-kommun");
        await page.Locator("#kommun").SelectOptionAsync("2514");
        await page.Locator("#borja").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#fraga:not([hidden])").WaitForAsync();
        Assert.Equal("fraga-rubrik", await page.EvaluateAsync<string>("document.activeElement.id")); // focus on the question
        var first = (await page.Locator("#fraga-rubrik").InnerTextAsync()).Trim();
        Assert.Equal("age", Assert.Single(questions, q => q.Text == first).Code);
        await StateAsync(page, width, "3-first-question");

        // An age the API refuses: its own words, beside the field, tied to it.
        var refused = await Assert.ThrowsAsync<RpcException>(() => kalix.ListDirectInterventionsAsync(new ListDirectInterventionsRequest { Parent = "municipalities/2514", Facts = new Facts { StatedAge = 200 } }).ResponseAsync);
        var apiWords = refused.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Single().Description;
        await page.Locator("#svar-falt").FillAsync("200");
        await page.Locator("#nasta").ClickAsync();
        await page.Locator("#svar-falt-fel:not([hidden])").WaitForAsync();
        Assert.Equal(apiWords, (await page.Locator("#svar-falt-fel").InnerTextAsync()).Trim());
        Assert.Equal("true", await page.Locator("#svar-falt").GetAttributeAsync("aria-invalid"));
        Assert.Contains("svar-falt-fel", await page.Locator("#svar-falt").GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("facts.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal); // never a developer's field path
        await StateAsync(page, width, "4-api-error");

        // A child of 12: every question asked is one the list still needs; none is asked twice.
        var facts = new Facts();
        var asked = new List<string>();
        for (var step = 0; step == 0 || await WaitForStepAsync(page) == "fraga"; step++)
        {
            Assert.True(step < 20, "the flow does not end");
            var code = await AnswerAsync(page, questions, 12, facts);
            Assert.DoesNotContain(code, asked);
            asked.Add(code);
            Assert.Contains($"Fråga {asked.Count} av", await page.Locator("#steg").InnerTextAsync(), StringComparison.Ordinal);
            if (step == 1)
            {
                await StateAsync(page, width, "5-a-later-question");
            }

            await page.Locator("#nasta").ClickAsync();
        }

        await page.Locator("#sammanfattning:not([hidden])").WaitForAsync();
        Assert.Equal(asked.Count, await page.Locator("#svarslista dt").CountAsync());
        await StateAsync(page, width, "6-summary");

        // "Ändra" the age to an adult's: the flow asks what that opens, and never a guardian's answer.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ändra svaret på: " + Assert.Single(questions, q => q.Code == "age").Text }).ClickAsync();
        await page.Locator("#svar-falt").FillAsync("40");
        facts.StatedAge = 40;
        await page.Locator("#nasta").ClickAsync();
        for (var step = 0; await WaitForStepAsync(page) == "fraga"; step++)
        {
            Assert.True(step < 20, "the flow does not end");
            var code = await AnswerAsync(page, questions, 40, facts);
            Assert.DoesNotContain(code, new[] { "guardian_consent", "guardian_informed" });
            await page.Locator("#nasta").ClickAsync();
        }

        // The answer: the insatser the list gives for the same facts, each with its description and a logged id.
        var expected = await kalix.ListDirectInterventionsAsync(new ListDirectInterventionsRequest { Parent = "municipalities/2514", Facts = facts });
        Assert.NotEmpty(expected.Eligible);
        await page.Locator("#visa").ClickAsync();
        await page.Locator("#svar:not([hidden])").WaitForAsync();
        Assert.Equal("svar-rubrik", await page.EvaluateAsync<string>("document.activeElement.id"));
        var shown = await page.Locator("#resultat article h3").AllInnerTextsAsync();
        Assert.Equal(expected.Eligible.Select(e => e.DisplayName), shown.Select(s => s.Trim()));
        var log = new DecisionLogService.DecisionLogServiceClient(Hosts.Authorized(stack.Eligibility.Channel(), stack.Catalog.Token("2514", "decisions.read")));
        foreach (var (insats, i) in expected.Eligible.Select((e, i) => (e, i)))
        {
            var article = page.Locator("#resultat article").Nth(i);
            Assert.Contains(insats.Description, await article.InnerTextAsync(), StringComparison.Ordinal);
            var id = (await article.Locator(".answer-id").InnerTextAsync()).Trim();
            var logged = await log.GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/2514/decisions/{id}" });
            Assert.Equal((insats.Intervention, Outcome.Eligible), (logged.Decision.Intervention, logged.Decision.Outcome));
        }

        Assert.Contains(expected.Information.Text, await page.Locator("#information").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(expected.Information.Paragraph, await page.Locator("#paragraf").InnerTextAsync(), StringComparison.Ordinal);
        var where = await page.Locator("#kommunkontakt").InnerTextAsync();
        Assert.Contains(expected.Contact.Unit, where, StringComparison.Ordinal);
        Assert.Contains(expected.Contact.Note, where, StringComparison.Ordinal);
        await StateAsync(page, width, "7-answer");

        await page.Locator("#resultat details summary").First.ClickAsync();
        Assert.Contains("Källa:", await page.Locator("#resultat details").First.InnerTextAsync(), StringComparison.Ordinal);
        await StateAsync(page, width, "8-why");

        // Print: the form and the buttons go, the answer and its ids stay.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("#skriv-ut").IsVisibleAsync());
        Assert.True(await page.Locator("#resultat .answer-id").First.IsVisibleAsync());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        await page.GetByRole(AriaRole.Link, new() { Name = "Tillgänglighetsredogörelse" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Tillgänglighetsredogörelse", Level = 1 }).WaitForAsync();
        await StateAsync(page, width, "9-accessibility-statement");
    }

    private static async Task<string> WaitForStepAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => !document.querySelector('#nasta').disabled && (!document.querySelector('#sammanfattning').hidden || !document.querySelector('#fraga').hidden)");
        return await page.Locator("#fraga").IsVisibleAsync() ? "fraga" : "sammanfattning";
    }

    [SkippableFact]
    public async Task ADayWithNoCatalog_SaysSo_InsteadOfAnEmptyHeading()
    {
        var (playwright, browser, page) = await OpenAsync(1280);
        await using var _ = browser;
        using var __ = playwright;
        await page.Locator("#kommun").SelectOptionAsync("1489");
        await page.Locator("#datum").FillAsync("2020-01-01"); // before Alingsås' catalog
        await page.Locator("#borja").ClickAsync();
        await page.Locator("#svar:not([hidden])").WaitForAsync();
        Assert.Contains("inga stöd som kan användas direkt", await page.Locator("#resultat").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#resultat article").CountAsync());
        await StateAsync(page, 1280, "no-catalog");
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
        foreach (var path in new[] { "/demo", "/demo/tillganglighet" })
        {
            var page = await http.GetAsync(path);
            Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }
}

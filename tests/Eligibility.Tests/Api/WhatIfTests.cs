using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// What-if over gRPC: a draft against the profile grid. The expected counts are worked out here from the
/// grid's own definition (100 ages x 2 registrations x 19 child states x 2 consents x 2^k attested facts),
/// not taken from the code under test.
/// </summary>
public sealed class WhatIfTests : IAsyncLifetime
{
    private readonly string state = Hosts.TempPath("eligibility-whatif");
    private CatalogHost catalog = null!;
    private EligibilityHost eligibility = null!;

    public async Task InitializeAsync()
    {
        catalog = await CatalogHost.StartAsync();
        eligibility = await EligibilityHost.StartAsync(catalog, state);
    }

    public async Task DisposeAsync()
    {
        await eligibility.DisposeAsync();
        await catalog.DisposeAsync();
    }

    private WhatIfService.WhatIfServiceClient Client(string code = "9999", string scope = "catalog.write") =>
        new(Hosts.Authorized(eligibility.Channel(), catalog.Token(code, scope)));

    /// <summary>The insats as the catalog has it on 2025-10-01, drafted to be for those of <paramref name="minYears"/> or older.</summary>
    private async Task<Intervention> AdultsFromAsync(string name, int minYears)
    {
        var draft = (await catalog.ClientFor("9999").GetInterventionAsync(new GetInterventionRequest { Name = name, AsOf = D.Of(2025, 10, 1) })).Intervention;
        draft.Conditions = new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = minYears } };
        return draft;
    }

    /// <summary>A what-if of the draft against the questions asked yesterday and today (Stockholm time), on 2025-10-01.</summary>
    private static EvaluateDraftRequest AgainstTodaysQuestions(Intervention draft)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);
        return new EvaluateDraftRequest
        {
            Parent = "municipalities/9999",
            AsOf = D.Of(2025, 10, 1),
            Put = { draft },
            PastFrom = D.Of(today.AddDays(-1).Year, today.AddDays(-1).Month, today.AddDays(-1).Day),
            PastTo = D.Of(today.Year, today.Month, today.Day),
        };
    }

    private static Intervention AdultsOnly(string id) => new()
    {
        Name = $"municipalities/9999/interventions/{id}",
        DisplayName = "Samtal för vuxna",
        Access = Access.Direct,
        Kind = InterventionKind.Counselling,
        DocumentationBasis = DocumentationBasis.CounsellingExemption,
        FollowUpMode = FollowUpMode.ActivityLevel,
        ValidFrom = D.Of(2025, 7, 1),
        Conditions = new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = 18 } },
    };

    [Fact]
    public async Task ANewAdultsOnlyInsats_ChangesEveryProfile_FromNotOffered_ByAge()
    {
        var answer = await Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1), Put = { AdultsOnly("nytt-samtal") } });

        const int profiles = 100 * 2 * 19 * 2; // no attested fact read
        Assert.Equal(profiles, answer.Profiles);
        var impact = Assert.Single(answer.Impacts);
        Assert.Equal(("municipalities/9999/interventions/nytt-samtal", profiles), (impact.Intervention, impact.Changed));
        Assert.Equal(
            [(Outcome.NotOffered, Outcome.Eligible, profiles / 100 * 82), (Outcome.NotOffered, Outcome.NotEligible, profiles / 100 * 18)],
            impact.Shifts.Select(s => (s.From, s.To, s.Profiles)));
        Assert.StartsWith("ålder 18", impact.Shifts[0].Example, StringComparison.Ordinal);
        Assert.StartsWith("ålder 0", impact.Shifts[1].Example, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingAnInsats_ChangesEveryAnswerToNotOffered_AndAnUnchangedOneChangesNone()
    {
        var current = (await catalog.ClientFor("9999").GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/9999/interventions/krisstod", AsOf = D.Of(2025, 10, 1) })).Intervention;
        var answer = await Client().EvaluateDraftAsync(new EvaluateDraftRequest
        {
            Parent = "municipalities/9999",
            AsOf = D.Of(2025, 10, 1),
            Remove = { current.Name },
            Put = { (await catalog.ClientFor("9999").GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/9999/interventions/anhorigstod", AsOf = D.Of(2025, 10, 1) })).Intervention },
        });

        var removed = answer.Impacts.Single(i => i.Intervention == current.Name);
        Assert.Equal(answer.Profiles, removed.Changed);
        Assert.All(removed.Shifts, s => Assert.Equal(Outcome.NotOffered, s.To));
        Assert.Equal(answer.Profiles, removed.Shifts.Sum(s => s.Profiles));
        var unchanged = answer.Impacts.Single(i => i.Intervention.EndsWith("/anhorigstod", StringComparison.Ordinal));
        Assert.Equal(0, unchanged.Changed);
        Assert.Empty(unchanged.Shifts);
    }

    [Fact]
    public async Task AYamlDraft_ValidatedByTheCatalog_ThenEvaluated_ChangesOnlyWhatTheEditChanged()
    {
        const string today = "        - age: {min: 20}\n          source_text: Vuxna över 20 år.\n";
        var file = SeedFiles.Read(SeedFiles.Exempelkommun).ReplaceLineEndings("\n");
        var at = file.IndexOf("  - id: kort-intervention\n", StringComparison.Ordinal);
        var edit = file.IndexOf(today, at, StringComparison.Ordinal); // kort-intervention's own age condition
        Assert.True(at >= 0 && edit > at && file.IndexOf("  - id: ", at + 10, StringComparison.Ordinal) > edit);
        var validated = await catalog.ClientFor("9999", "catalog.write").ValidateCatalogAsync(new ValidateCatalogRequest
        {
            Parent = "municipalities/9999",
            Content = string.Concat(file.AsSpan(0, edit), "        - age: {min: 18}\n          source_text: Vuxna över 18 år.\n", file.AsSpan(edit + today.Length)),
        });
        Assert.True(validated.Report.Valid);
        Assert.Equal(1, validated.Report.Updated);

        var answer = await Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1), Put = { validated.Draft } });

        // Ages 18 and 19 with the attested fact become eligible, without it undetermined (the fact is asked for).
        var variants = answer.Profiles / (100 * 2 * 19 * 2);
        var withFact = variants <= 16 && (variants & (variants - 1)) == 0 ? variants / 2 : 1; // every combination, or each fact alone
        var perVariant = 2 * 2 * 19 * 2;
        var edited = answer.Impacts.Single(i => i.Intervention.EndsWith("/kort-intervention", StringComparison.Ordinal));
        Assert.Equal(
            [(Outcome.NotEligible, Outcome.Undetermined, perVariant * (variants - withFact)), (Outcome.NotEligible, Outcome.Eligible, perVariant * withFact)],
            edited.Shifts.Select(s => (s.From, s.To, s.Profiles)).OrderBy(s => s.To == Outcome.Eligible));
        Assert.All(edited.Shifts, s => Assert.Matches("^ålder 1[89],", s.Example));
        Assert.All(answer.Impacts.Where(i => i != edited), i => Assert.Equal(0, i.Changed));
    }

    [Fact]
    public async Task AgainstPastQuestions_EachIsReadWithItsAgeBand_ALineInsideABandIsUndecided_AndOnlyTheKommunsQuestionsOfThatInsatsCount()
    {
        const string name = "municipalities/9999/interventions/motiverande-samtal-valdsutovare"; // today: 18 or older
        var portal = eligibility.ClientFor("9999");
        var given = new Dictionary<int, Outcome>();
        foreach (var age in new[] { 16, 19, 27, 35, 50 })
        {
            given[age] = (await portal.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = name, AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = age, RegisteredMunicipalityCode = "9999" } })).Outcome;
        }

        var noAge = (await portal.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = name, AsOf = D.Of(2025, 10, 1), Facts = new Facts { RegisteredMunicipalityCode = "9999" } })).Outcome;
        // Not counted: another insats of the kommun, and another kommun's question.
        await portal.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = "municipalities/9999/interventions/samtal-om-vald", AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = 19 } });
        await eligibility.ClientFor("2514").CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = 19 } });
        await eligibility.DecisionLog.FlushAsync(CancellationToken.None);
        Assert.Equal((Outcome.NotEligible, Outcome.Eligible, Outcome.Eligible, Outcome.Eligible, Outcome.Eligible, Outcome.Undetermined), (given[16], given[19], given[27], given[35], given[50], noAge));

        // The draft: 28 or older. From the answers given: 19 (band 18-20) turns not eligible; 27 (band 25-29) depends on
        // where in the band the age lies (25-27 no, 28-29 yes): undecided; 16, 35, 50 and the question without an age
        // keep their answers.
        var draft = await AdultsFromAsync(name, 28);
        var answer = await Client().EvaluateDraftAsync(AgainstTodaysQuestions(draft));

        Assert.Equal((6, 1, false), (answer.Past.Questions, answer.Past.UndecidedByAgeBand, answer.Past.Truncated));
        var impact = Assert.Single(answer.Past.Impacts);
        Assert.Equal((name, 1), (impact.Intervention, impact.Changed));
        var shift = Assert.Single(impact.Shifts);
        Assert.Equal((Outcome.Eligible, Outcome.NotEligible, 1), (shift.From, shift.To, shift.Profiles));
        Assert.StartsWith("ålder 18–20 år, folkbokförd i kommunen", shift.Example, StringComparison.Ordinal);

        // A period before the questions: none. A period half given: the missing bound is named.
        var earlier = await Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1), Put = { draft }, PastFrom = D.Of(2025, 1, 1), PastTo = D.Of(2025, 1, 31) });
        Assert.Equal(0, earlier.Past.Questions);
        var half = await Assert.ThrowsAsync<RpcException>(() => Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", Put = { draft }, PastFrom = D.Of(2025, 1, 1) }).ResponseAsync);
        Assert.Equal("past_to", Assert.Single(half.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        var reversed = await Assert.ThrowsAsync<RpcException>(() => Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", Put = { draft }, PastFrom = D.Of(2025, 2, 1), PastTo = D.Of(2025, 1, 1) }).ResponseAsync);
        Assert.Equal("past_to", Assert.Single(reversed.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.Null((await Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1), Put = { draft } })).Past);
    }

    [Fact]
    public async Task AQuestionNamingAChildOfEighteenOrMore_IsReadByTheWhatIf_NotAnInternalError()
    {
        // The attack's MEDIUM: one check with a "child" aged 18 or more (the demo's own child-age box allows it) made every
        // what-if over that insats's past questions fail with INTERNAL for as long as the question was kept.
        const string name = "municipalities/9999/interventions/motiverande-samtal-valdsutovare";
        var portal = eligibility.ClientFor("9999");
        foreach (var childAge in new[] { 18, 19, 40 })
        {
            await portal.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = name, AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = 45, RegisteredMunicipalityCode = "9999", Child = new ChildFacts { StatedAge = childAge } } });
        }

        await eligibility.DecisionLog.FlushAsync(CancellationToken.None);
        var draft = await AdultsFromAsync(name, 50);
        var answer = await Client().EvaluateDraftAsync(AgainstTodaysQuestions(draft));

        // 45 lies in the band 40-49, which the draft's line at 50 does not cut: each of the three turns not eligible.
        Assert.Equal(3, answer.Past.Questions);
        var shift = Assert.Single(Assert.Single(answer.Past.Impacts).Shifts);
        Assert.Equal((Outcome.Eligible, Outcome.NotEligible, 3), (shift.From, shift.To, shift.Profiles));
    }

    [Fact]
    public async Task WhileAKommunsWhatIfRuns_ItsSecondIsToldToWait_AndAnotherKommunsQueuesAndGoesThrough()
    {
        var gate = eligibility.Services.GetRequiredService<Eligibility.Application.WhatIfGate>();
        var request = new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1), Put = { AdultsOnly("vanta-samtal") } };
        var held = await gate.EnterAsync("9999", CancellationToken.None); // what a running what-if of 9999 holds
        Assert.NotNull(held);
        Task<EvaluateDraftResponse> other;
        try
        {
            var busy = await Assert.ThrowsAsync<RpcException>(() => Client().EvaluateDraftAsync(request).ResponseAsync);
            Assert.Equal(StatusCode.ResourceExhausted, busy.StatusCode);

            // Another kommun is not refused: it waits for the place and runs when 9999's is done.
            var theirs = AdultsOnly("deras-samtal");
            theirs.Name = "municipalities/1489/interventions/deras-samtal";
            other = Client("1489").EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/1489", AsOf = D.Of(2025, 10, 1), Put = { theirs } }).ResponseAsync;
            await Task.Delay(300);
            Assert.False(other.IsCompleted);
        }
        finally
        {
            held!.Dispose();
        }

        Assert.Single((await other).Impacts);
        Assert.Single((await Client().EvaluateDraftAsync(request)).Impacts);
    }

    private static Intervention ReadingFacts(string id, int facts, int offset = 0)
    {
        var iv = AdultsOnly(id);
        var all = new ConditionList();
        all.Conditions.Add(iv.Conditions);
        for (var f = 0; f < facts; f++)
        {
            all.Conditions.Add(new Condition { AttestedFact = new AttestedFact { Code = $"fakta-{offset + f}", Description = $"Uppgift {offset + f}" } });
        }

        iv.Conditions = new Condition { All = all };
        return iv;
    }

    [Fact]
    public async Task ADraftReadingTooManyFacts_OrAskingTooMuchWork_IsRefusedNamingTheLimit_BeforeItTakesAPlace()
    {
        var tooManyFacts = await Assert.ThrowsAsync<RpcException>(() => Client().EvaluateDraftAsync(new EvaluateDraftRequest
        {
            Parent = "municipalities/9999",
            AsOf = D.Of(2025, 10, 1),
            Put = { ReadingFacts("manga-fakta", Eligibility.Application.DraftEvaluation.MaxAttestedFacts + 1) },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooManyFacts.StatusCode);
        var violation = Assert.Single(tooManyFacts.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("put", violation.Field);
        Assert.Contains($"högst {Eligibility.Application.DraftEvaluation.MaxAttestedFacts}", violation.Description, StringComparison.Ordinal);

        // The attack's shape: many insatser, each reading its own facts, within the fact limit but not the work limit.
        var wide = new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1) };
        for (var i = 0; i < 100; i++)
        {
            wide.Put.Add(ReadingFacts($"bred-{i}", 1, offset: i % 20));
        }

        var tooMuch = await Assert.ThrowsAsync<RpcException>(() => Client().EvaluateDraftAsync(wide).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooMuch.StatusCode);
        Assert.Contains("bedömningar", Assert.Single(tooMuch.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Description, StringComparison.Ordinal);
        var gate = eligibility.Services.GetRequiredService<Eligibility.Application.WhatIfGate>();
        Assert.Equal(Eligibility.Application.WhatIfGate.Concurrent, gate.Running.CurrentCount);
    }

    [Fact]
    public async Task AWhatIfWhoseCallerGivesUp_FreesItsPlace_LongBeforeItsWorkWouldHaveEnded()
    {
        // The largest draft the limits let through: 42 insatser reading 24 facts between them.
        var heavy = new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1) };
        for (var i = 0; i < 42; i++)
        {
            heavy.Put.Add(ReadingFacts($"tung-{i}", 4, offset: i % 6 * 4));
        }

        var whole = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(42, (await Client().EvaluateDraftAsync(heavy)).Impacts.Count);
        var uncancelled = whole.Elapsed;

        // The caller gives up once its what-if holds the place and works (not on a deadline, which a loaded machine's
        // timing could let the work outrun).
        var gate = eligibility.Services.GetRequiredService<Eligibility.Application.WhatIfGate>();
        using var giveUp = new CancellationTokenSource();
        var call = Client().EvaluateDraftAsync(heavy, cancellationToken: giveUp.Token);
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (gate.Running.CurrentCount == Eligibility.Application.WhatIfGate.Concurrent && started.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }

        await Task.Delay(100); // into the work
        await giveUp.CancelAsync();
        var gaveUp = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, gaveUp.StatusCode);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (gate.Running.CurrentCount < Eligibility.Application.WhatIfGate.Concurrent && clock.Elapsed < uncancelled * 2)
        {
            await Task.Delay(10);
        }

        // Freed within a second, and well before the work would have ended (it had ~4/5 of it left).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1) && clock.Elapsed < uncancelled / 2,
            $"the place was freed {clock.ElapsedMilliseconds} ms after the caller gave up; the whole draft takes {uncancelled.TotalMilliseconds:F0} ms");
        Assert.Single((await Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", AsOf = D.Of(2025, 10, 1), Put = { AdultsOnly("efter-samtal") } })).Impacts);
    }

    [Fact]
    public async Task ABadDraft_IsRefused_NamingTheField_AndAnotherKommunsIsDenied()
    {
        var empty = await Assert.ThrowsAsync<RpcException>(() => Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999" }).ResponseAsync);
        Assert.Contains(empty.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "put");

        var noAccess = AdultsOnly("utan-tillgang");
        noAccess.Access = Access.Unspecified;
        var bad = await Assert.ThrowsAsync<RpcException>(() => Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", Put = { noAccess } }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains(bad.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "put[0].access");

        var foreign = AdultsOnly("annan");
        foreign.Name = "municipalities/2514/interventions/annan";
        var denied = await Assert.ThrowsAsync<RpcException>(() => Client().EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", Put = { foreign } }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var portal = await Assert.ThrowsAsync<RpcException>(() => Client(scope: "eligibility.check").EvaluateDraftAsync(new EvaluateDraftRequest { Parent = "municipalities/9999", Put = { AdultsOnly("x-samtal") } }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, portal.StatusCode);
    }
}

using Socialtjanst.FollowUp.V1;

namespace Socialtjanst.FollowUp.Tests;

public sealed class FollowUpStack : IAsyncLifetime
{
    public CatalogHost Catalog { get; private set; } = null!;

    public FollowUpHost FollowUp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await CatalogHost.StartAsync();
        FollowUp = await FollowUpHost.StartAsync(Catalog);
    }

    public async Task DisposeAsync()
    {
        await FollowUp.DisposeAsync();
        await Catalog.DisposeAsync();
    }
}

public class FollowUpApiTests(FollowUpStack stack) : IClassFixture<FollowUpStack>
{
    private FollowUpService.FollowUpServiceClient Kalix => stack.FollowUp.ClientFor("2514");

    private async Task<Decision> Register(string date, bool extensive = false, string intervention = "oppenvard-vuxna", string? caseRef = null, string? requestId = null) =>
        (await Kalix.RegisterDecisionAsync(new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = requestId ?? Guid.NewGuid().ToString(),
            Decision = new Decision
            {
                CaseReference = caseRef ?? TestCaseReferences.Next("KX"),
                Intervention = $"municipalities/2514/interventions/{intervention}",
                DecisionDate = D.Of(int.Parse(date[..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(date[5..7], System.Globalization.CultureInfo.InvariantCulture), int.Parse(date[8..], System.Globalization.CultureInfo.InvariantCulture)),
                ExtensiveChangingNeeds = extensive,
            },
        })).Decision;

    private Task<RecordEventResponse> Record(Decision d, Action<RecordEventRequest> set, string? requestId = null)
    {
        var request = new RecordEventRequest { Name = d.Name, Etag = d.Etag, RequestId = requestId ?? Guid.NewGuid().ToString() };
        set(request);
        return Kalix.RecordEventAsync(request).ResponseAsync;
    }

    private static void AssertField(RpcException ex, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == field);
    }

    [Fact]
    public async Task Register_SchedulesTheFirstFollowUpOnTheKommunsRules()
    {
        var d = await Register("2025-08-31");
        Assert.Equal(D.Of(2026, 2, 28), d.NextFollowUpDue);
        Assert.Equal(DueReason.Interval, d.NextFollowUpReason);
        Assert.Equal(D.Of(2025, 11, 30), d.ExecutionDeadline);

        var extensive = await Register("2025-08-31", extensive: true);
        Assert.Equal((D.Of(2025, 10, 31), DueReason.ExtensiveFirst), (extensive.NextFollowUpDue, extensive.NextFollowUpReason));

        var underOldRule = await Register("2025-03-01");
        Assert.Equal(D.Of(2025, 9, 1), underOldRule.NextFollowUpDue);
    }

    [Fact]
    public async Task Register_ReplayedRequestId_ReturnsTheFirstDecision()
    {
        var requestId = Guid.NewGuid().ToString();
        var first = await Register("2025-09-01", caseRef: "KX-OMSPEL-1", requestId: requestId);
        var again = await Register("2025-09-01", caseRef: "KX-OMSPEL-1", requestId: requestId);
        Assert.Equal(first, again);
    }

    [Theory]
    [InlineData("811218-9876")]
    [InlineData("KX-198112189876")]
    [InlineData("701063-2391")]
    public async Task Register_CaseReferenceThatLooksLikeAPersonnummer_IsRefusedWithoutEcho(string caseRef)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Register("2025-09-01", caseRef: caseRef));
        AssertField(ex, "decision.case_reference");
        Assert.DoesNotContain(caseRef, ex.GetRpcStatus()!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_BadDecisions_AreRefusedNamingTheField()
    {
        AssertField(await Assert.ThrowsAsync<RpcException>(() => Register("2030-01-01")), "decision.decision_date");
        AssertField(await Assert.ThrowsAsync<RpcException>(() => Register("2025-09-01", intervention: "finns-inte")), "decision.intervention");
        var direct = await Assert.ThrowsAsync<RpcException>(() => Register("2025-09-01", intervention: "bra-samtal"));
        Assert.Equal(StatusCode.FailedPrecondition, direct.StatusCode);
        Assert.Contains("11 kap. 5 § SoL", direct.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_MoveTheSchedule_AndTheHistoryIsKept()
    {
        var d = await Register("2025-08-15");
        d = (await Record(d, r => r.ExecutionStarted = D.Of(2025, 8, 20))).Decision;
        d = (await Record(d, r => r.FollowUp = new FollowUpRecord { Date = D.Of(2026, 2, 10), How = "Samtal med den enskilde och utföraren", PersonsView = "Nöjd", StandardizedMethods = { "AUDIT" } })).Decision;
        Assert.Equal(D.Of(2026, 8, 10), d.NextFollowUpDue);
        d = (await Record(d, r => r.CircumstancesChanged = D.Of(2026, 3, 1))).Decision;
        Assert.Equal((D.Of(2026, 3, 1), DueReason.ChangedCircumstances), (d.NextFollowUpDue, d.NextFollowUpReason));
        d = (await Record(d, r => r.Closed = new Closure { Date = D.Of(2026, 4, 1), Reason = ClosureReason.GoalsMet })).Decision;
        Assert.Null(d.NextFollowUpDue);

        var read = (await Kalix.GetDecisionAsync(new GetDecisionRequest { Name = d.Name })).Decision;
        Assert.Equal(d, read);
        Assert.Single(read.FollowUps);
        var after = await Assert.ThrowsAsync<RpcException>(() => Record(read, r => r.CircumstancesChanged = D.Of(2026, 5, 1)));
        Assert.Equal(StatusCode.FailedPrecondition, after.StatusCode);
    }

    [Fact]
    public async Task Events_BadInput_IsNamed()
    {
        var d = await Register("2025-08-15");
        AssertField(await Assert.ThrowsAsync<RpcException>(() => Record(d, r => r.ExecutionStarted = D.Of(2025, 8, 1))), "execution_started");
        AssertField(await Assert.ThrowsAsync<RpcException>(() => Record(d, r => r.Closed = new Closure { Date = D.Of(2025, 9, 1) })), "closed.reason");
        AssertField(await Assert.ThrowsAsync<RpcException>(() => Record(d, r => r.Closed = new Closure { Date = D.Of(2025, 9, 1), Reason = ClosureReason.Other })), "closed.text");
        var resume = await Assert.ThrowsAsync<RpcException>(() => Record(d, r => r.ExecutionResumed = D.Of(2025, 9, 1)));
        Assert.Equal(StatusCode.FailedPrecondition, resume.StatusCode);
    }

    [Fact]
    public async Task Events_TwoWritersWithOneEtag_ExactlyOneWins()
    {
        var d = await Register("2025-08-15");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await Record(d, r => r.CircumstancesChanged = D.Of(2025, 9, 1 + i));
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));
        Assert.Equal(1, results.Count(s => s == StatusCode.OK));
        Assert.All(results.Where(s => s != StatusCode.OK), s => Assert.Equal(StatusCode.Aborted, s));
        Assert.Single((await Kalix.GetDecisionAsync(new GetDecisionRequest { Name = d.Name })).Decision.ChangedCircumstances);
    }

    [Fact]
    public async Task Events_ReplayedRequestId_WritesNothingMore()
    {
        var d = await Register("2025-08-15");
        var requestId = Guid.NewGuid().ToString();
        var first = await Record(d, r => r.CircumstancesChanged = D.Of(2025, 9, 1), requestId);
        var again = await Record(d, r => r.CircumstancesChanged = D.Of(2025, 9, 1), requestId);
        Assert.Equal(first.Decision, again.Decision);
        Assert.Single((await Kalix.GetDecisionAsync(new GetDecisionRequest { Name = d.Name })).Decision.ChangedCircumstances);
    }

    [Fact]
    public async Task Due_ListsTheWindowOldestFirst_InTheCallersKommunOnly()
    {
        var early = await Register("2024-02-10", caseRef: "KX-DUE-EARLY");
        var late = await Register("2024-02-12", caseRef: "KX-DUE-LATE");
        var response = await Kalix.ListDueFollowUpsAsync(new ListDueFollowUpsRequest { Parent = "municipalities/2514", From = D.Of(2025, 2, 1), To = D.Of(2025, 2, 28) });
        var names = response.Due.Select(x => x.Decision).ToList();
        Assert.True(names.IndexOf(early.Name) >= 0 && names.IndexOf(early.Name) < names.IndexOf(late.Name));

        var alingsas = stack.FollowUp.ClientFor("1489");
        var theirs = await alingsas.ListDueFollowUpsAsync(new ListDueFollowUpsRequest { Parent = "municipalities/1489", From = D.Of(2025, 2, 1), To = D.Of(2025, 2, 28) });
        Assert.Empty(theirs.Due);
        var denied = await Assert.ThrowsAsync<RpcException>(() => alingsas.GetDecisionAsync(new GetDecisionRequest { Name = early.Name }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Delays_WhoseDeadlinePassedBeforeJuly2025_CiteTheOldAct()
    {
        var old = await Register("2025-01-20", caseRef: "KX-IVO-GAMLA");
        var q2 = await Kalix.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20252 });
        var delay = Assert.Single(q2.Delays, x => x.Decision == old.Name);
        Assert.Equal(D.Of(2025, 4, 20), delay.Deadline);
        Assert.Equal("16 kap. 6 a–i §§ SoL (2001:453)", delay.Paragraph);
    }

    [Fact]
    public async Task Delays_DecisionsNotExecutedInThreeMonths_AndTheQuarterlyIvoReport()
    {
        var never = await Register("2025-04-10", caseRef: "KX-IVO-NEVER");
        var onTime = await Register("2025-04-10", caseRef: "KX-IVO-ITID");
        await Record(onTime, r => r.ExecutionStarted = D.Of(2025, 5, 1));
        var interrupted = await Register("2025-04-10", caseRef: "KX-IVO-PAUS");
        interrupted = (await Record(interrupted, r => r.ExecutionStarted = D.Of(2025, 4, 15))).Decision;
        await Record(interrupted, r => r.ExecutionInterrupted = D.Of(2025, 5, 1));

        var q3 = await Kalix.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20253 });
        Assert.Equal(D.Of(2025, 9, 30), q3.AsOf);
        Assert.Contains(q3.Delays, x => x.Decision == never.Name && !x.Interruption && x.Paragraph == "34 kap. 5 § SoL" && x.Deadline.Equals(D.Of(2025, 7, 10)));
        Assert.Contains(q3.Delays, x => x.Decision == interrupted.Name && x.Interruption && x.Paragraph == "34 kap. 6 § SoL");
        Assert.DoesNotContain(q3.Delays, x => x.Decision == onTime.Name);

        var q2 = await Kalix.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = "municipalities/2514", Quarter = 20252 });
        Assert.DoesNotContain(q2.Delays, x => x.Decision == never.Name);
    }

    private static RegisterDecisionRequest Item(string caseRef, string intervention = "oppenvard-vuxna") => new()
    {
        Decision = new Decision
        {
            CaseReference = caseRef,
            Intervention = $"municipalities/2514/interventions/{intervention}",
            DecisionDate = D.Of(2025, 9, 1),
        },
    };

    [Fact]
    public async Task BatchRegister_AllOrNone_AndIdempotent()
    {
        var batch = new BatchRegisterDecisionsRequest { Parent = "municipalities/2514", RequestId = Guid.NewGuid().ToString() };
        batch.Requests.Add(Item("KX-BATCH-1"));
        batch.Requests.Add(Item("KX-BATCH-2"));
        var first = await Kalix.BatchRegisterDecisionsAsync(batch);
        Assert.Equal(["KX-BATCH-1", "KX-BATCH-2"], first.Decisions.Select(d => d.CaseReference).ToArray());
        Assert.All(first.Decisions, d => Assert.Equal(D.Of(2026, 3, 1), d.NextFollowUpDue));
        Assert.Equal(first, await Kalix.BatchRegisterDecisionsAsync(batch));

        var bad = new BatchRegisterDecisionsRequest { Parent = "municipalities/2514", RequestId = Guid.NewGuid().ToString() };
        bad.Requests.Add(Item("KX-BATCH-3"));
        bad.Requests.Add(Item("811218-9876"));
        AssertField(await Assert.ThrowsAsync<RpcException>(() => Kalix.BatchRegisterDecisionsAsync(bad).ResponseAsync), "requests[1].decision.case_reference");
        var direct = new BatchRegisterDecisionsRequest { Parent = "municipalities/2514", RequestId = Guid.NewGuid().ToString() };
        direct.Requests.Add(Item("KX-BATCH-4"));
        direct.Requests.Add(Item("KX-BATCH-5", "bra-samtal"));
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => Kalix.BatchRegisterDecisionsAsync(direct).ResponseAsync)).StatusCode);

        var due = await Kalix.ListDueFollowUpsAsync(new ListDueFollowUpsRequest { Parent = "municipalities/2514", From = D.Of(2026, 3, 1), To = D.Of(2026, 3, 1), PageSize = 500 });
        Assert.DoesNotContain(due.Due, d => d.CaseReference is "KX-BATCH-3" or "KX-BATCH-4");
    }

    [Fact]
    public async Task ActivityLevel_EveryDirectAccessInsatsHasItsPeriodicFollowUp()
    {
        var response = await Kalix.ListActivityFollowUpsAsync(new ListActivityFollowUpsRequest { Parent = "municipalities/2514", From = D.Of(2026, 1, 1), To = D.Of(2026, 1, 1) });
        Assert.Equal(8, response.FollowUps.Count);
        Assert.Contains(response.FollowUps, f => f.Intervention == "municipalities/2514/interventions/bra-samtal" && f.IntervalMonths == 6);
        Assert.DoesNotContain(response.FollowUps, f => f.Intervention.EndsWith("oppenvard-vuxna", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActivityFollowUps_IncludeEveryDirectInsatsWhoseGuidelineAsksForIndividualFollowUp()
    {
        // Alingsås 3.4.x ("Individbaserad uppföljning"): direct access, no decision, yet followed up per participant.
        var response = await stack.FollowUp.ClientFor("1489").ListActivityFollowUpsAsync(new ListActivityFollowUpsRequest { Parent = "municipalities/1489", From = D.Of(2026, 7, 1), To = D.Of(2026, 7, 1) });
        var maria = Assert.Single(response.FollowUps, f => f.Intervention == "municipalities/1489/interventions/beroendestod-mini-maria");
        Assert.True(maria.Individual);
        Assert.Contains("individuellt", maria.Task, StringComparison.Ordinal);
        Assert.Equal(12, maria.IntervalMonths); // Alingsås sets no interval: yearly
        Assert.Contains(response.FollowUps, f => !f.Individual && f.Task.Contains("verksamhetsnivå", StringComparison.Ordinal));
        var individual = response.FollowUps.Where(f => f.Individual).Select(f => f.Intervention).ToHashSet();
        var seeds = Catalog.Domain.CatalogFileReader.Read(SeedFiles.Read(SeedFiles.Alingsas)).File!.Interventions.Select(e => e.Intervention)
            .Where(iv => iv.Access == Catalog.V1.Access.Direct && iv.FollowUpMode == Catalog.V1.FollowUpMode.Individual).Select(iv => iv.Name).ToHashSet();
        Assert.NotEmpty(seeds);
        Assert.Equal(seeds, individual);
    }

    [Fact]
    public async Task Health_IsServing()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(stack.FollowUp.Address);
        var status = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, status.Status);
    }

    [Fact]
    public async Task WithoutWriteScope_RegisteringIsDenied()
    {
        var reader = stack.FollowUp.ClientFor("2514", "followup.read");
        var ex = await Assert.ThrowsAsync<RpcException>(() => reader.RegisterDecisionAsync(new RegisterDecisionRequest { Parent = "municipalities/2514" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }
}

/// <summary>A change of the kommun's rules in the Catalog reaches the stored schedules.</summary>
public sealed class RulesChangeTests : IAsyncLifetime
{
    private CatalogHost catalog = null!;
    private FollowUpHost followUp = null!;

    public async Task InitializeAsync()
    {
        catalog = await CatalogHost.StartAsync();
        followUp = await FollowUpHost.StartAsync(catalog);
    }

    public async Task DisposeAsync()
    {
        await followUp.DisposeAsync();
        await catalog.DisposeAsync();
    }

    [Fact]
    public async Task NewFollowUpInterval_ReschedulesOpenDecisions()
    {
        var client = followUp.ClientFor("2514");
        var decision = (await client.RegisterDecisionAsync(new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = Guid.NewGuid().ToString(),
            Decision = new Decision { CaseReference = "KX-RULES-1", Intervention = "municipalities/2514/interventions/oppenvard-vuxna", DecisionDate = D.Of(2025, 9, 15) },
        })).Decision;
        Assert.Equal(D.Of(2026, 3, 15), decision.NextFollowUpDue);

        var changed = SeedFiles.Read(SeedFiles.Kalix2025).Replace("follow_up_interval_months: 6", "follow_up_interval_months: 3", StringComparison.Ordinal);
        var report = (await catalog.ClientFor("2514").ImportCatalogAsync(new Catalog.V1.ImportCatalogRequest { Parent = "municipalities/2514", Content = changed })).Report;
        Assert.Equal(1, report.Updated);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await client.GetDecisionAsync(new GetDecisionRequest { Name = decision.Name })).Decision.NextFollowUpDue.Equals(D.Of(2026, 3, 15)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the schedule was not recomputed");
            await Task.Delay(100);
        }

        var rescheduled = (await client.GetDecisionAsync(new GetDecisionRequest { Name = decision.Name })).Decision;
        Assert.Equal(D.Of(2025, 12, 15), rescheduled.NextFollowUpDue);
        Assert.Equal(decision.Etag, rescheduled.Etag);
    }
}

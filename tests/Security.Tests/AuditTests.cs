using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Audit;
using Socialtjanst.Audit.V1;
using Socialtjanst.Documentation.V1;
using Socialtjanst.FollowUp.V1;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// Every access to individual-level data leaves an event (who, kommun, unit, method, resource,
/// when, outcome; never content) that the kommun's auditors, and only they, can read; old events
/// go when the retention says so.
/// </summary>
public sealed class AuditTests
{
    private const string CaseReference = "KX-AUDIT-hemlig";
    private const string NoteText = "Samtal med Anna Andersson om hennes situation.";

    [Fact]
    public async Task AccessToDecisionsAndRecords_IsLogged_AndOnlyTheKommunsAuditorsReadIt()
    {
        await using var stack = await SuiteStack.StartAsync();
        var clerk = stack.Issuer.Issue("2514", "handlaggare-1", ["followup.read", "followup.write", "documentation.use"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1), unit: "individ-och-familj");
        var followUp = new FollowUpService.FollowUpServiceClient(stack.Invoker("FollowUp", clerk));
        var documentation = new DocumentationService.DocumentationServiceClient(stack.Invoker("Documentation", clerk));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var decision = (await followUp.RegisterDecisionAsync(new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = Guid.NewGuid().ToString(),
            Decision = new FollowUp.V1.Decision { CaseReference = CaseReference, Intervention = "municipalities/2514/interventions/oppenvard-vuxna", DecisionDate = D.Of(2025, 9, 1) },
        })).Decision;
        await followUp.GetDecisionAsync(new GetDecisionRequest { Name = decision.Name });
        var missing = "municipalities/2514/decisions/" + new string('0', 32);
        await Assert.ThrowsAsync<RpcException>(() => followUp.GetDecisionAsync(new GetDecisionRequest { Name = missing }).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => followUp.GetDecisionAsync(new GetDecisionRequest { Name = "municipalities/1489/decisions/" + new string('1', 32) }).ResponseAsync);
        await followUp.ListActivityFollowUpsAsync(new ListActivityFollowUpsRequest { Parent = "municipalities/2514", From = D.Of(2025, 1, 1), To = D.Of(2025, 12, 31) });
        await documentation.ReviewRecordAsync(new ReviewRecordRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1), Text = NoteText });

        // Another kommun's clerk reads its own decisions meanwhile.
        var other = new FollowUpService.FollowUpServiceClient(stack.Invoker("FollowUp", stack.Token("1489", "alingsas-handlaggare")));
        await other.ListDueFollowUpsAsync(new ListDueFollowUpsRequest { Parent = "municipalities/1489", From = D.Of(2025, 1, 1), To = D.Of(2025, 12, 31) });

        await Flush(stack);
        var auditorToken = stack.Token("2514", "revisor", "audit.read");
        var followUpLog = await new AuditService.AuditServiceClient(stack.Invoker("FollowUp", auditorToken))
            .ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before) });
        var documentationLog = await new AuditService.AuditServiceClient(stack.Invoker("Documentation", auditorToken))
            .ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before) });

        var events = followUpLog.Events.ToList();
        var pseudonyms = stack.Services("FollowUp").GetRequiredService<Audit.SubjectPseudonyms>();
        Assert.Equal(4, events.Count); // register, get, get (not found), get (another kommun's); the activity list is not individual-level
        Assert.All(events, e =>
        {
            Assert.Equal(pseudonyms.Of("2514", "handlaggare-1"), e.Subject); // a keyed pseudonym, never the subject as given
            Assert.StartsWith("ps:", e.Subject, StringComparison.Ordinal);
            Assert.Equal("municipalities/2514", e.Municipality);
            Assert.Equal(pseudonyms.Of("2514", "individ-och-familj"), e.Unit); // the unit claim too: an IdP may put a name there
            Assert.StartsWith("ps:", e.Unit, StringComparison.Ordinal);
            Assert.Equal("FollowUp", e.Service);
            Assert.InRange(e.Time.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        });
        Assert.Contains(events, e => e.Method.EndsWith("/RegisterDecision", StringComparison.Ordinal) && e.Resource == decision.Name && e.Outcome == "OK");
        Assert.Contains(events, e => e.Method.EndsWith("/GetDecision", StringComparison.Ordinal) && e.Resource == decision.Name && e.Outcome == "OK");
        Assert.Contains(events, e => e.Resource == missing && e.Outcome == "NOT_FOUND");
        Assert.Contains(events, e => e.Resource == "municipalities/2514" && e.Outcome == "PERMISSION_DENIED");
        var review = Assert.Single(documentationLog.Events);
        Assert.Equal("municipalities/2514/interventions/bra-samtal", review.Resource);
        Assert.EndsWith("/ReviewRecord", review.Method, StringComparison.Ordinal);

        // Never the content.
        var everything = followUpLog.ToString() + documentationLog;
        Assert.DoesNotContain(CaseReference, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("1489", everything, StringComparison.Ordinal);

        // Filters and pages; an auditor finds a person's events by the subject in clear, which is pseudonymized, not stored.
        var auditor = new AuditService.AuditServiceClient(stack.Invoker("FollowUp", auditorToken));
        var bySubject = await auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before), Subject = "handlaggare-1" });
        Assert.Equal(4, bySubject.Events.Count);
        var onDecision = await auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before), Resource = decision.Name });
        Assert.Equal(2, onDecision.Events.Count);
        var page1 = await auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before), PageSize = 3 });
        var page2 = await auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before), PageSize = 3, PageToken = page1.NextPageToken });
        Assert.Equal(3, page1.Events.Count);
        Assert.Single(page2.Events);
        Assert.Equal("", page2.NextPageToken);

        // Alingsås' auditors see Alingsås' event only.
        var alingsas = await new AuditService.AuditServiceClient(stack.Invoker("FollowUp", stack.Token("1489", "revisor", "audit.read")))
            .ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/1489", From = Timestamp.FromDateTimeOffset(before) });
        Assert.Equal(pseudonyms.Of("1489", "alingsas-handlaggare"), Assert.Single(alingsas.Events).Subject);

        // Kalix's page token is Kalix's, for that query: Alingsås (or another query) replaying it is told so.
        var alingsasAuditor = new AuditService.AuditServiceClient(stack.Invoker("FollowUp", stack.Token("1489", "revisor", "audit.read")));
        var replayed = await Assert.ThrowsAsync<RpcException>(() => alingsasAuditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/1489", From = Timestamp.FromDateTimeOffset(before), PageSize = 3, PageToken = page1.NextPageToken }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, replayed.StatusCode);
        Assert.Contains("page_token", replayed.Status.Detail, StringComparison.Ordinal);
        var otherQuery = await Assert.ThrowsAsync<RpcException>(() => auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before), Subject = "handlaggare-1", PageToken = page1.NextPageToken }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, otherQuery.StatusCode);
    }

    [Fact]
    public async Task ASubjectThatIsAPersonnummer_NeverReachesTheLog()
    {
        await using var stack = await SuiteStack.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        const string personnummer = "19811218-9876";
        var followUp = new FollowUpService.FollowUpServiceClient(stack.Invoker("FollowUp", stack.Token("2514", personnummer)));
        await Assert.ThrowsAsync<RpcException>(() => followUp.GetDecisionAsync(new GetDecisionRequest { Name = "municipalities/2514/decisions/" + new string('2', 32) }).ResponseAsync);
        await Flush(stack);
        var log = await new AuditService.AuditServiceClient(stack.Invoker("FollowUp", stack.Token("2514", "revisor", "audit.read")))
            .ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before) });
        var e = Assert.Single(log.Events);
        Assert.StartsWith("ps:", e.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("9876", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("811218", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLog_IsRefused_ToCallersWithoutTheScope_ToOtherKommuner_AndForBadWindows()
    {
        await using var stack = await SuiteStack.StartAsync();
        var from = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1));
        var clerk = new AuditService.AuditServiceClient(stack.Invoker("FollowUp", stack.Token("2514", "handlaggare", "followup.read", "followup.write")));
        var denied = await Assert.ThrowsAsync<RpcException>(() => clerk.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = from }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var auditor = new AuditService.AuditServiceClient(stack.Invoker("FollowUp", stack.Token("2514", "revisor", "audit.read")));
        var neighbour = await Assert.ThrowsAsync<RpcException>(() => auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/1489", From = from }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, neighbour.StatusCode);

        var noFrom = await Assert.ThrowsAsync<RpcException>(() => auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noFrom.StatusCode);
        Assert.Contains("from", noFrom.Status.Detail, StringComparison.Ordinal);
        var badToken = await Assert.ThrowsAsync<RpcException>(() => auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = from, PageToken = "x" }).ResponseAsync);
        Assert.Contains("page_token", badToken.Status.Detail, StringComparison.Ordinal);

        // Every mistake of one request named together: a window that ends before it starts, a subject and a resource too long.
        var several = await Assert.ThrowsAsync<RpcException>(() => auditor.ListAuditEventsAsync(new ListAuditEventsRequest
        {
            Parent = "municipalities/2514",
            From = from,
            To = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-2)),
            Subject = new string('s', 201),
            Resource = new string('r', 301),
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, several.StatusCode);
        Assert.Equal(["from", "subject", "resource"], several.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
        var outOfRange = await Assert.ThrowsAsync<RpcException>(() => auditor.ListAuditEventsAsync(new ListAuditEventsRequest
        {
            Parent = "municipalities/2514",
            From = new Timestamp { Seconds = 253402300800 },
        }).ResponseAsync);
        Assert.Equal(["from"], outOfRange.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    /// <summary>A token whose kommun is no kommun code is refused, and leaves no row under a kommun it did not prove.</summary>
    [Theory]
    [InlineData("25x4")]
    [InlineData("251")]
    [InlineData("2514 OR 1=1")]
    public async Task ARefusedCallWithAKommunThatIsNoKommunCode_LeavesNoAccessLogRow(string code)
    {
        await using var stack = await SuiteStack.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var forged = stack.Issuer.Issue(code, "handlaggare-x", ["followup.read"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var followUp = new FollowUpService.FollowUpServiceClient(stack.Invoker("FollowUp", forged));
        var refused = await Assert.ThrowsAsync<RpcException>(() => followUp.GetDecisionAsync(new GetDecisionRequest { Name = "municipalities/2514/decisions/" + new string('0', 32) }).ResponseAsync);
        Assert.Contains(refused.StatusCode, new[] { StatusCode.PermissionDenied, StatusCode.Unauthenticated });

        await Flush(stack);
        var store = stack.Services("FollowUp").GetRequiredService<AuditStore>();
        Assert.Empty(await store.ListAsync(new AuditQuery(code, before, DateTimeOffset.UtcNow.AddSeconds(1), null, null, null, 100), CancellationToken.None));
        Assert.Empty(await store.ListAsync(new AuditQuery("2514", before, DateTimeOffset.UtcNow.AddSeconds(1), null, null, null, 100), CancellationToken.None));
    }

    [Fact]
    public async Task EventsOlderThanTheRetention_AreDeleted_AndYoungerOnesKept()
    {
        await using var stack = await SuiteStack.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Audit:RetentionDays"] = "30",
            ["Audit:PurgeInterval"] = "00:00:00.200",
        });
        var store = stack.Services("FollowUp").GetRequiredService<AuditStore>();
        var now = DateTimeOffset.UtcNow;
        await store.AppendAsync(
        [
            new AuditEntry(0, "2514", now.AddDays(-31), "gammal", "", "FollowUp", "/m", "municipalities/2514", "OK"),
            new AuditEntry(0, "1489", now.AddDays(-400), "gammal", "", "FollowUp", "/m", "municipalities/1489", "OK"),
            new AuditEntry(0, "2514", now.AddDays(-29), "ny", "", "FollowUp", "/m", "municipalities/2514", "OK"),
        ], CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<AuditEntry> left;
        do
        {
            await Task.Delay(100);
            left = [.. await store.ListAsync(new AuditQuery("2514", now.AddYears(-2), now, null, null, null, 100), CancellationToken.None),
                .. await store.ListAsync(new AuditQuery("1489", now.AddYears(-2), now, null, null, null, 100), CancellationToken.None)];
        }
        while (left.Count > 1 && DateTime.UtcNow < deadline);

        Assert.Equal("ny", Assert.Single(left).Subject);
    }

    private static async Task Flush(SuiteStack stack)
    {
        foreach (var service in new[] { "FollowUp", "Documentation" })
        {
            await stack.Services(service).GetRequiredService<AuditLog>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
    }
}

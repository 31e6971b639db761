using System.Text;
using CsCheck;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Data.Sqlite;
using Socialtjanst.Audit.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// The decision log over gRPC: every answer kept by its decision id in its kommun, without identifiers,
/// looked up under decisions.read with each lookup in the access log, written while the check has already
/// answered, kept across a graceful stop.
/// </summary>
public sealed class DecisionLogTests : IAsyncLifetime
{
    private const string Intervention = "municipalities/9999/interventions/motiverande-samtal-valdsutovare";
    private readonly string state = Hosts.TempPath("eligibility-log");
    private CatalogHost catalog = null!;
    private EligibilityHost eligibility = null!;

    public async Task InitializeAsync()
    {
        catalog = await CatalogHost.StartAsync();
        eligibility = await EligibilityHost.StartAsync(catalog, state, settings: new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:00.200" });
    }

    public async Task DisposeAsync()
    {
        await eligibility.DisposeAsync();
        await catalog.DisposeAsync();
    }

    private DecisionLogService.DecisionLogServiceClient Log(string code = "9999", string scope = "decisions.read") =>
        new(Hosts.Authorized(eligibility.Channel(), catalog.Token(code, scope)));

    private static CheckEligibilityRequest Check(Facts facts, string intervention = Intervention) =>
        new() { Intervention = intervention, AsOf = D.Of(2025, 10, 1), Facts = facts };

    [Fact]
    public async Task AnAnswer_IsKeptByItsId_WithItsConditionsAndSources_AndAnAgeBand_NeverTheIdentifier()
    {
        var answer = await eligibility.ClientFor("9999").CheckEligibilityAsync(Check(new Facts { PersonalIdentityNumber = "19121212-1212", RegisteredMunicipalityCode = "9999" }));
        var born = await eligibility.ClientFor("9999").CheckEligibilityAsync(Check(new Facts { BirthDate = D.Of(2009, 3, 14), GuardianConsent = true }));
        await eligibility.DecisionLog.FlushAsync(CancellationToken.None);

        var logged = (await Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{answer.DecisionId}" })).Decision;
        Assert.Equal((answer.DecisionId, Intervention, answer.CatalogRevision, answer.Outcome, answer.AsOf), (logged.DecisionId, logged.Intervention, logged.CatalogRevision, logged.Outcome, logged.AsOf));
        Assert.Equal(answer.Conditions.Select(c => (c.Description, c.Status, c.Source, c.AffectsOutcome)), logged.Conditions.Select(c => (c.Description, c.Status, c.Source, c.AffectsOutcome)));
        Assert.Contains(logged.Conditions, c => c.Source.Length > 0);
        Assert.InRange((DateTimeOffset.UtcNow - logged.DecideTime.ToDateTimeOffset()).TotalMinutes, 0, 5);
        Assert.Equal((85, 130, "9999"), (logged.Facts.Age.From, logged.Facts.Age.To, logged.Facts.RegisteredMunicipalityCode)); // born 1912: 112 in 2025

        // Born 14 March 2009: 16 on the day asked about, kept as the band 15-17, the consent as given.
        var young = (await Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{born.DecisionId}" })).Decision;
        Assert.Equal((15, 17, true, false), (young.Facts.Age.From, young.Facts.Age.To, young.Facts.GuardianConsent, young.Facts.HasRegisteredMunicipalityCode));

        // Nothing on disk says who asked: not the personnummer in any form, not the birth date, not the age.
        var bytes = string.Concat(Directory.GetFiles(state, "eligibility.db*").Select(f => Encoding.UTF8.GetString(ReadShared(f))));
        Assert.Contains(answer.DecisionId, bytes, StringComparison.Ordinal); // the files were read
        foreach (var secret in new[] { "191212121212", "1212121212", "121212-1212", "19121212", "1912-12-12", "2009-03-14", "20090314", "\"age\":112", "\"age\":16" })
        {
            Assert.DoesNotContain(secret, bytes, StringComparison.Ordinal);
        }
    }

    /// <summary>Read-your-write (issue 31): an answer's id can be looked up the moment the answer is given.</summary>
    [Fact]
    public async Task AnAnswersId_CanBeLookedUpAtOnce_WithoutWaitingForTheLogsWrite()
    {
        for (var i = 0; i < 20; i++)
        {
            var answer = await eligibility.ClientFor("9999").CheckEligibilityAsync(Check(new Facts { StatedAge = 30 + i, RegisteredMunicipalityCode = "9999" }));
            var logged = (await Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{answer.DecisionId}" })).Decision;
            Assert.Equal(answer.DecisionId, logged.DecisionId);
        }
    }

    /// <summary>
    /// Every id a caller can write answers NOT_FOUND, INVALID_ARGUMENT (shape, or a moment past year 9999) or, for an
    /// id of the last seconds that is not written, UNAVAILABLE "not yet written": never INTERNAL (issue 31; twelve hex
    /// digits of f reached past what a date holds and answered INTERNAL). The answer depends on the id's shape and time
    /// alone: another kommun's young id gets what an id nobody has gets.
    /// </summary>
    [Fact]
    public async Task EveryIdInTheIdSpace_IsAnsweredWithoutAnInternalError_ByItsShapeAndTimeAlone()
    {
        var client = Log();
        var statuses = new Dictionary<StatusCode, int>();
        var hex = Gen.Char["0123456789abcdef"];
        var ids = Gen.OneOf(
            Gen.Select(hex.Array[20], hex.Array[1, 16], (t, c) => new string(t) + "-" + new string(c)),
            Gen.Select(Gen.OneOf(Gen.Const("ffffffffffff"), Gen.Const("000000000000"), Gen.Const("e677d2d7e400"), hex.Array[12].Select(a => new string(a))), hex.Array[8], hex.Array[1, 16],
                (t, p, c) => t + new string(p) + "-" + new string(c)),
            Gen.String[0, 40]);
        foreach (var id in ids.Array[300].Single())
        {
            var status = (await Assert.ThrowsAsync<RpcException>(() => client.GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = "municipalities/9999/decisions/" + id }).ResponseAsync)).StatusCode;
            Assert.True(status is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.Unavailable, $"{id}: {status}");
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        Assert.True(statuses.GetValueOrDefault(StatusCode.NotFound) > 0 && statuses.GetValueOrDefault(StatusCode.InvalidArgument) > 0, string.Join(", ", statuses));
        var beyond = await Assert.ThrowsAsync<RpcException>(() => client.GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = "municipalities/9999/decisions/ffffffffffff00000000-1" }).ResponseAsync);
        Assert.Equal("name", Assert.Single(beyond.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);

        // Young ids: nobody's and another kommun's are answered alike, "not yet written".
        var theirs = await eligibility.ClientFor("2514").CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = 30 } });
        var nobody = DecisionIdAt(DateTimeOffset.UtcNow);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => client.GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{theirs.DecisionId}" }).ResponseAsync);
        var none = await Assert.ThrowsAsync<RpcException>(() => client.GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{nobody}" }).ResponseAsync);
        Assert.Equal((StatusCode.Unavailable, none.Status.Detail), (foreign.StatusCode, foreign.Status.Detail));
        Assert.Contains("ännu inte sparat", none.Status.Detail, StringComparison.Ordinal);
        var old = await Assert.ThrowsAsync<RpcException>(() => client.GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{DecisionIdAt(DateTimeOffset.UtcNow.AddMinutes(-5))}" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, old.StatusCode);
    }

    private static string DecisionIdAt(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture) + "0badc0de-1";

    [Fact]
    public async Task AnotherKommunsId_IsNotFound_AsAnIdNobodyHas_AndTheLookupsAreInTheAccessLog()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var theirs = await eligibility.ClientFor("2514").CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = "municipalities/2514/interventions/bra-samtal", AsOf = D.Of(2025, 10, 1), Facts = new Facts { StatedAge = 30 } });
        await eligibility.DecisionLog.FlushAsync(CancellationToken.None);
        Assert.NotNull(await Log("2514").GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/2514/decisions/{theirs.DecisionId}" }));

        var foreign = await Assert.ThrowsAsync<RpcException>(() => Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{theirs.DecisionId}" }).ResponseAsync);
        // An id nobody has, of the same moment (a young id not found is "not yet written" whoever asks).
        var nobodysId = theirs.DecisionId[..12] + "0badc0de-1";
        var nobody = await Assert.ThrowsAsync<RpcException>(() => Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{nobodysId}" }).ResponseAsync);
        Assert.Equal((nobody.StatusCode, nobody.Status.Detail), (foreign.StatusCode, foreign.Status.Detail));
        var old = await Assert.ThrowsAsync<RpcException>(() => Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = "municipalities/9999/decisions/000000000000000000aa-1" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, old.StatusCode);

        var denied = await Assert.ThrowsAsync<RpcException>(() => Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/2514/decisions/{theirs.DecisionId}" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var portal = await Assert.ThrowsAsync<RpcException>(() => Log(scope: "eligibility.check").GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{theirs.DecisionId}" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, portal.StatusCode);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = "municipalities/9999/decisions/'; DROP TABLE decision_log--" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal("name", Assert.Single(malformed.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.DoesNotContain("DROP", malformed.Status.Detail, StringComparison.Ordinal);

        // Each lookup is in the access log of the kommun named (who, which answer; never its content).
        var auditor = new AuditService.AuditServiceClient(Hosts.Authorized(eligibility.Channel(), catalog.Token("9999", "audit.read")));
        var events = (await auditor.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/9999", From = Timestamp.FromDateTimeOffset(before) })).Events;
        Assert.Contains(events, e => e.Resource == $"municipalities/9999/decisions/{theirs.DecisionId}" && e.Outcome == "UNAVAILABLE" && e.Method.EndsWith("/GetLoggedDecision", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Resource == "municipalities/9999/decisions/000000000000000000aa-1");
        Assert.All(events, e => Assert.StartsWith("ps:", e.Subject, StringComparison.Ordinal));
        var theirEvents = (await new AuditService.AuditServiceClient(Hosts.Authorized(eligibility.Channel(), catalog.Token("2514", "audit.read")))
            .ListAuditEventsAsync(new ListAuditEventsRequest { Parent = "municipalities/2514", From = Timestamp.FromDateTimeOffset(before) })).Events;
        Assert.Contains(theirEvents, e => e.Resource == $"municipalities/2514/decisions/{theirs.DecisionId}" && e.Outcome == "OK");
    }

    [Fact]
    public async Task AnAnswerNotOffered_IsKeptToo()
    {
        var answer = await eligibility.ClientFor("9999").CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = Intervention, AsOf = D.Of(2025, 3, 1), Facts = new Facts { StatedAge = 40 } });
        Assert.Equal(Outcome.NotOffered, answer.Outcome);
        await eligibility.DecisionLog.FlushAsync(CancellationToken.None);
        var logged = (await Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{answer.DecisionId}" })).Decision;
        Assert.Equal((Outcome.NotOffered, 40, 49), (logged.Outcome, logged.Facts.Age.From, logged.Facts.Age.To));
        Assert.Empty(logged.Conditions);
    }

    [Fact]
    public async Task WhileTheDatabaseIsLocked_ChecksStillAnswer_AndStayReady_AndTheAnswersAreWrittenAfter()
    {
        var file = Path.Combine(state, "eligibility.db");
        var ids = new List<string>();
        await using (var holder = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }

            for (var age = 20; age < 30; age++)
            {
                // Each answers though the writer cannot write (it retries after its 200 ms busy timeout, again and again).
                var answer = await eligibility.ClientFor("9999").CheckEligibilityAsync(Check(new Facts { StatedAge = age }), deadline: DateTime.UtcNow.AddSeconds(30));
                ids.Add(answer.DecisionId);
            }

            await Task.Delay(600); // the writer has failed at least once meanwhile
            using var http = new HttpClient { BaseAddress = new Uri(eligibility.GrpcAddress), DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
            Assert.True(eligibility.DecisionLog.Written < ids.Count);
        }

        await eligibility.DecisionLog.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        foreach (var id in ids)
        {
            Assert.Equal(Outcome.Eligible, (await Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{id}" })).Decision.Outcome);
        }
    }

    [Fact]
    public async Task AFullQueue_TakesThePodOutOfService_AndACheckWaitsForRoom_ThenEverythingIsWritten()
    {
        var small = Hosts.TempPath("eligibility-full");
        await using var service = await EligibilityHost.StartAsync(catalog, small, settings: new Dictionary<string, string?>
        {
            ["Database:SqliteBusyTimeout"] = "00:00:00.200",
            ["Eligibility:DecisionLog:QueueCapacity"] = "10",
        });
        using var http = new HttpClient { BaseAddress = new Uri(service.GrpcAddress), DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var ids = new List<string>();
        Task<CheckEligibilityResponse> waiting;
        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(small, "eligibility.db")};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }

            for (var age = 20; age < 30; age++)
            {
                ids.Add((await service.ClientFor("9999").CheckEligibilityAsync(Check(new Facts { StatedAge = age }))).DecisionId);
            }

            // Ten queued of ten: the pod is not ready, and the next check waits for room rather than give an answer not kept.
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
            waiting = service.ClientFor("9999").CheckEligibilityAsync(Check(new Facts { StatedAge = 40 }), deadline: DateTime.UtcNow.AddSeconds(60)).ResponseAsync;
            await Task.Delay(700);
            Assert.False(waiting.IsCompleted);
            Assert.Equal(0, service.DecisionLog.Written);
        }

        ids.Add((await waiting).DecisionId);
        await service.DecisionLog.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(11, service.DecisionLog.Written);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        var log = new DecisionLogService.DecisionLogServiceClient(Hosts.Authorized(service.Channel(), catalog.Token("9999", "decisions.read")));
        foreach (var id in ids)
        {
            Assert.Equal(id, (await log.GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{id}" })).Decision.DecisionId);
        }
    }

    [Fact]
    public async Task AGracefulStop_WritesWhatWasQueued_AndANewProcessFindsIt()
    {
        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add((await eligibility.ClientFor("9999").CheckEligibilityAsync(Check(new Facts { StatedAge = 18 + (i % 60) }))).DecisionId);
        }

        await eligibility.DisposeAsync(); // no flush: the stop writes the queue
        eligibility = await EligibilityHost.StartAsync(catalog, state);
        foreach (var id in new[] { ids[0], ids[^1] })
        {
            Assert.Equal(id, (await Log().GetLoggedDecisionAsync(new GetLoggedDecisionRequest { Name = $"municipalities/9999/decisions/{id}" })).Decision.DecisionId);
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

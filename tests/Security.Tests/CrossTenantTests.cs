using System.Collections.Concurrent;
using Dapper;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Audit.V1;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Data;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.FollowUp.V1;
using Xunit.Abstractions;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// Two kommuner use every RPC that reads or writes kommun data at random, concurrently, some calls
/// cancelled mid-flight. No answer, error or stored row of one may carry the other's data, and a
/// cancelled write is either whole or absent.
/// </summary>
public sealed class CrossTenantTests(ITestOutputHelper output)
{
    [Fact]
    public Task TenThousandRandomCalls_OnSqlite_NeverCrossKommuner() => RunAsync(null, 10_000);

    [SkippableFact]
    public Task TenThousandRandomCalls_OnSqlServer_NeverCrossKommuner()
    {
        SqlServer.SkipUnlessConfigured();
        return RunAsync(SqlServer.ConnectionString, 10_000);
    }

    [SkippableFact]
    [Trait("Category", "Long")]
    public Task HundredThousandRandomCalls_OnSqlite_NeverCrossKommuner()
    {
        LongTests.SkipUnlessEnabled();
        return RunAsync(null, 100_000);
    }

    private sealed class Tenant(string code, string marker, string direct, string seedFile)
    {
        public string Code { get; } = code;

        public string SeedFile { get; } = seedFile;

        public Catalog.V1.Intervention Template { get; set; } = null!;

        public ConcurrentBag<string> Created { get; } = [];

        public string Marker { get; } = marker;

        public string Parent => "municipalities/" + Code;

        public string Direct => $"municipalities/{Code}/interventions/{direct}";

        public string Assessed => $"municipalities/{Code}/interventions/oppenvard-vuxna";

        public ConcurrentBag<string> Decisions { get; } = [];

        public ConcurrentBag<RegisterDecisionRequest> Cancelled { get; } = [];

        public Tenant Other { get; set; } = null!;

        public List<Clients> Callers { get; } = [];
    }

    private sealed record Clients(
        string Subject,
        CatalogService.CatalogServiceClient Catalog,
        EligibilityService.EligibilityServiceClient Eligibility,
        DocumentationService.DocumentationServiceClient Documentation,
        FollowUpService.FollowUpServiceClient FollowUp,
        AuditService.AuditServiceClient FollowUpAudit,
        AuditService.AuditServiceClient DocumentationAudit);

    private async Task RunAsync(string? sqlServer, int calls)
    {
        await using var stack = await SuiteStack.StartAsync(sqlServer);
        var a = new Tenant("2514", "KXA", "bra-samtal", SeedFiles.Kalix2025);
        var b = new Tenant("1489", "ALB", "familjeradgivning", SeedFiles.Alingsas);
        a.Other = b;
        b.Other = a;
        foreach (var t in new[] { a, b })
        {
            for (var i = 0; i < 3; i++)
            {
                var subject = $"{t.Code}-clerk-{i}";
                var token = stack.Token(t.Code, subject);
                t.Callers.Add(new Clients(subject,
                    new CatalogService.CatalogServiceClient(stack.Invoker("Catalog", token)),
                    new EligibilityService.EligibilityServiceClient(stack.Invoker("Eligibility", token)),
                    new DocumentationService.DocumentationServiceClient(stack.Invoker("Documentation", token)),
                    new FollowUpService.FollowUpServiceClient(stack.Invoker("FollowUp", token)),
                    new AuditService.AuditServiceClient(stack.Invoker("FollowUp", token)),
                    new AuditService.AuditServiceClient(stack.Invoker("Documentation", token))));
            }
        }

        await GiveAlingsasANeedsAssessedInsatsAsync(stack, a, b);
        foreach (var t in new[] { a, b })
        {
            t.Template = (await t.Callers[0].Catalog.GetInterventionAsync(new GetInterventionRequest { Name = t.Direct, AsOf = D.Of(2025, 10, 1) })).Intervention;
        }

        var violations = new ConcurrentQueue<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var done = 0;
        var transportFailures = 0;
        var stalled = new ConcurrentQueue<string>();
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919);
            while (Interlocked.Increment(ref done) <= calls)
            {
                var tenant = random.Next(2) == 0 ? a : b;
                var caller = tenant.Callers[random.Next(tenant.Callers.Count)];
                var cancel = random.Next(10) == 0;
                using var cts = new CancellationTokenSource();
                // A call with no answer within CallLimit is a counted transport failure, named by its op, instead of a hung run.
                cts.CancelAfter(cancel ? TimeSpan.FromMilliseconds(random.Next(0, 4)) : CallLimit);

                var op = random.Next(Operations);
                string result;
                try
                {
                    var response = await CallAsync(op, tenant, caller, random, cts.Token);
                    Inspect(response?.ToString() ?? "", tenant, op, violations);
                    result = response is null ? "nothing to ask yet" : "OK";
                }
                catch (Exception ex) when (!cancel && cts.IsCancellationRequested && ex is RpcException or OperationCanceledException)
                {
                    // No answer at all (once in one CI run: a watch whose response headers never came while
                    // the server's first write waited in Kestrel, see SECURITY.md): a transport failure,
                    // counted and bounded with the others, and named in the output.
                    Interlocked.Increment(ref transportFailures);
                    stalled.Enqueue($"op {op}");
                    result = "no answer (transport)";
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !cancel)
                {
                    // A transport failure, not an answer: counted and bounded below, not an isolation breach.
                    Interlocked.Increment(ref transportFailures);
                    result = "Unavailable (transport)";
                }
                catch (RpcException ex)
                {
                    Inspect(ex.Status.Detail + ex.Trailers, tenant, op, violations);
                    // A status the client made itself (it carries the client's exception; a server's status
                    // comes in trailers without one) for a call the caller cancelled is the client's race
                    // with its own cancellation, as UNAVAILABLE is (see Expect), not the server's answer.
                    var clientRace = cancel && ex.StatusCode == StatusCode.Internal && ex.Status.DebugException is not null;
                    if (!clientRace)
                    {
                        Expect(op, ex.StatusCode, cancel, violations);
                    }

                    if (ex.StatusCode is StatusCode.Internal or StatusCode.Unknown && !clientRace)
                    {
                        violations.Enqueue($"op {op}: {ex.StatusCode} from the server (cancelled by the caller: {cancel})");
                    }

                    result = clientRace ? "Internal (client, cancelled)" : ex.StatusCode.ToString();
                }

                outcomes.AddOrUpdate($"{op}:{result}", 1, (_, n) => n + 1);
            }
        })).ToList();
        await Task.WhenAll(workers);

        // A cancelled registration was written whole or not at all: its replay answers with the decision.
        foreach (var t in new[] { a, b })
        {
            foreach (var request in t.Cancelled)
            {
                var replay = await t.Callers[0].FollowUp.RegisterDecisionAsync(request);
                var stored = await t.Callers[0].FollowUp.GetDecisionAsync(new GetDecisionRequest { Name = replay.Decision.Name });
                Assert.Equal(request.Decision.CaseReference, stored.Decision.CaseReference);
                Assert.StartsWith(t.Parent + "/decisions/", stored.Decision.Name, StringComparison.Ordinal);
            }
        }

        await CheckStoredRowsAsync(stack, violations);
        output.WriteLine($"{calls} calls; {transportFailures} failed in transport ({stalled.Count} with no answer within {CallLimit.TotalSeconds} s{(stalled.IsEmpty ? "" : ": " + string.Join(", ", stalled.Take(20)))}); {a.Decisions.Count + b.Decisions.Count} decisions registered; " +
            $"{a.Cancelled.Count + b.Cancelled.Count} registrations cancelled and replayed");
        foreach (var (key, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  op {key}: {count}");
        }

        // The long run saw 1 in 100,000 uncancelled calls end UNAVAILABLE ("the request was aborted")
        // on the Catalog, and one CI run a watch with no answer at all; neither cause was proven
        // (SECURITY.md). More than 1 in 10,000 fails.
        Assert.True(transportFailures <= Math.Max(1, calls / 10_000), $"{transportFailures} calls failed in transport ({stalled.Count} with no answer: {string.Join(", ", stalled.Take(20))})");
        // The servers' own word on anything unexpected (type and method only: ErrorInterceptor's line).
        var unhandled = stack.Logs.Where(l => l.Contains("Unhandled", StringComparison.Ordinal)).Take(5).ToList();
        Assert.True(violations.IsEmpty, string.Join("\n", violations.Take(20).Concat(unhandled)));
        Assert.True(outcomes.Where(o => o.Key.EndsWith(":OK", StringComparison.Ordinal)).Sum(o => o.Value) > calls / 3, "too few calls succeeded to prove anything");
    }

    /// <summary>
    /// The longest an uncancelled call may take (a stream until its snapshot is complete). A call
    /// answers in milliseconds; this only turns a stall into a counted transport failure that names
    /// the call, where it hung the run before.
    /// </summary>
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(60);

    /// <summary>How many kinds of call the test makes (cases of <see cref="CallAsync"/>).</summary>
    private const int Operations = 28;

    private static async Task<IMessage?> CallAsync(int op, Tenant t, Clients c, Random random, CancellationToken ct)
    {
        var asOf = D.Of(2025, 10, 1);
        switch (op)
        {
            case 17:
                {
                    var id = t.Marker.ToLowerInvariant() + "-" + new string(Enumerable.Range(0, 10).Select(_ => (char)('a' + random.Next(26))).ToArray());
                    var copy = t.Template.Clone();
                    copy.Name = $"{t.Parent}/interventions/{id}";
                    copy.DisplayName = $"Testsamtal {t.Marker}";
                    var response = await c.Catalog.CreateInterventionAsync(new CreateInterventionRequest { Parent = t.Parent, InterventionId = id, Intervention = copy, RequestId = Guid.NewGuid().ToString() }, cancellationToken: ct);
                    t.Created.Add(response.Intervention.Name);
                    return response;
                }

            case 18:
            case 19:
                {
                    var name = Pick(t.Created, random);
                    if (name is null)
                    {
                        return null;
                    }

                    var current = (await c.Catalog.GetInterventionAsync(new GetInterventionRequest { Name = name, AsOf = asOf }, cancellationToken: ct)).Intervention;
                    return op == 18
                        ? await c.Catalog.UpdateInterventionAsync(new UpdateInterventionRequest
                        {
                            Intervention = current.With(i => i.Content = $"Ändrad av {t.Marker} {random.Next()}."),
                            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "content" } },
                        }, cancellationToken: ct)
                        : await c.Catalog.RetireInterventionAsync(new RetireInterventionRequest { Name = name, LastDay = D.Of(2026, 12, 31), Etag = current.Etag }, cancellationToken: ct);
                }

            case 20:
                return await c.Catalog.ImportCatalogAsync(new ImportCatalogRequest { Parent = t.Parent, Content = SeedFiles.Read(t.SeedFile), RequestId = Guid.NewGuid().ToString() }, cancellationToken: ct);
            case 21:
                // The other kommun's file under this kommun's name: refused, nothing written anywhere.
                return await c.Catalog.ImportCatalogAsync(new ImportCatalogRequest { Parent = t.Parent, Content = SeedFiles.Read(t.Other.SeedFile), RequestId = Guid.NewGuid().ToString() }, cancellationToken: ct);
            case 22:
                return await c.Catalog.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = t.Parent, Content = SeedFiles.Read(t.SeedFile) }, cancellationToken: ct);
            case 23:
                return await c.Catalog.GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest { Name = random.Next(2) == 0 ? t.Parent + "/rules" : t.Other.Parent + "/rules", AsOf = asOf }, cancellationToken: ct);
            case 24:
                {
                    var parent = random.Next(4) == 0 ? t.Other.Parent : t.Parent;
                    using var watch = c.Catalog.WatchCatalog(new WatchCatalogRequest { Parent = parent }, cancellationToken: ct);
                    var seen = new ListInterventionsResponse();
                    while (await watch.ResponseStream.MoveNext(ct))
                    {
                        if (watch.ResponseStream.Current.Intervention is { } iv)
                        {
                            seen.Interventions.Add(iv);
                        }

                        if (watch.ResponseStream.Current.SnapshotComplete is not null)
                        {
                            break;
                        }
                    }

                    return seen;
                }

            case 25:
                return await c.FollowUp.ListActivityFollowUpsAsync(new ListActivityFollowUpsRequest { Parent = t.Parent, From = D.Of(2025, 7, 1), To = D.Of(2026, 6, 30) }, cancellationToken: ct);
            case 26:
                return await c.Eligibility.ListDirectInterventionsAsync(new ListDirectInterventionsRequest { Parent = t.Parent, AsOf = asOf, Facts = new Facts { StatedAge = 16 + random.Next(60), RegisteredMunicipalityCode = t.Code } }, cancellationToken: ct);
            case 27:
                return await c.Documentation.GetRecordingPolicyAsync(new GetRecordingPolicyRequest { Intervention = random.Next(2) == 0 ? t.Direct : t.Other.Direct, AsOf = asOf }, cancellationToken: ct);
            case 0:
            case 1:
                {
                    var request = new RegisterDecisionRequest
                    {
                        Parent = t.Parent,
                        RequestId = Guid.NewGuid().ToString(),
                        Decision = new FollowUp.V1.Decision { CaseReference = CaseReference(t, random), Intervention = t.Assessed, DecisionDate = D.Of(2025, 8, 1 + random.Next(28)) },
                    };
                    try
                    {
                        var response = await c.FollowUp.RegisterDecisionAsync(request, cancellationToken: ct);
                        t.Decisions.Add(response.Decision.Name);
                        return response;
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
                    {
                        t.Cancelled.Add(request);
                        throw;
                    }
                }

            case 2:
                return await c.FollowUp.GetDecisionAsync(new GetDecisionRequest { Name = Pick(t.Decisions, random) ?? t.Parent + "/decisions/" + new string('0', 32) }, cancellationToken: ct);
            case 3:
                // The other kommun's decision id under this kommun's name: must not be found.
                var theirs = Pick(t.Other.Decisions, random);
                return theirs is null ? null : await c.FollowUp.GetDecisionAsync(new GetDecisionRequest { Name = t.Parent + theirs[theirs.IndexOf("/decisions/", StringComparison.Ordinal)..] }, cancellationToken: ct);
            case 4:
                var foreign = Pick(t.Other.Decisions, random);
                return foreign is null ? null : await c.FollowUp.GetDecisionAsync(new GetDecisionRequest { Name = foreign }, cancellationToken: ct);
            case 5:
                {
                    var name = Pick(t.Decisions, random);
                    if (name is null)
                    {
                        return null;
                    }

                    var current = await c.FollowUp.GetDecisionAsync(new GetDecisionRequest { Name = name }, cancellationToken: ct);
                    return await c.FollowUp.RecordEventAsync(new RecordEventRequest
                    {
                        Name = name,
                        Etag = current.Decision.Etag,
                        RequestId = Guid.NewGuid().ToString(),
                        ExecutionStarted = D.Of(2025, 10, 1),
                    }, cancellationToken: ct);
                }

            case 6:
                return await c.FollowUp.ListDueFollowUpsAsync(new ListDueFollowUpsRequest { Parent = t.Parent, From = D.Of(2025, 8, 1), To = D.Of(2026, 7, 1), IncludeOverdue = true, PageSize = 50 }, cancellationToken: ct);
            case 7:
                return await c.FollowUp.ListExecutionDelaysAsync(new ListExecutionDelaysRequest { Parent = t.Parent, AsOf = D.Of(2026, 6, 1) }, cancellationToken: ct);
            case 8:
                {
                    var batch = new BatchRegisterDecisionsRequest { Parent = t.Parent, RequestId = Guid.NewGuid().ToString() };
                    for (var i = 0; i < 1 + random.Next(4); i++)
                    {
                        batch.Requests.Add(new RegisterDecisionRequest { Decision = new FollowUp.V1.Decision { CaseReference = CaseReference(t, random), Intervention = t.Assessed, DecisionDate = D.Of(2025, 9, 2) } });
                    }

                    var response = await c.FollowUp.BatchRegisterDecisionsAsync(batch, cancellationToken: ct);
                    foreach (var d in response.Decisions)
                    {
                        t.Decisions.Add(d.Name);
                    }

                    return response;
                }

            case 9:
                return await c.Eligibility.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = t.Direct, AsOf = asOf, Facts = new Facts { StatedAge = 16 + random.Next(60), RegisteredMunicipalityCode = t.Code } }, cancellationToken: ct);
            case 10:
                return await c.Eligibility.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = t.Other.Direct, AsOf = asOf, Facts = new Facts { StatedAge = 30 } }, cancellationToken: ct);
            case 11:
                return await c.Documentation.ReviewRecordAsync(new ReviewRecordRequest { Intervention = t.Direct, AsOf = asOf, Text = $"Samtal {t.Marker}: klienten mår bättre, ring 070-123 45 67." }, cancellationToken: ct);
            case 12:
                return await c.Documentation.RecordParticipationAsync(new RecordParticipationRequest
                {
                    Intervention = t.Direct,
                    RequestId = Guid.NewGuid().ToString(),
                    Participation = new Participation { Date = D.Of(2025, 9, 1 + random.Next(28)), AgeBand = AgeBand._1820, Gender = Gender.Female, WellbeingStart = 3 },
                }, cancellationToken: ct);
            case 13:
                return await c.Documentation.GetActivityReportAsync(new GetActivityReportRequest { Intervention = t.Direct, From = D.Of(2025, 1, 1), To = D.Of(2025, 12, 31) }, cancellationToken: ct);
            case 14:
                return await c.Catalog.ListInterventionsAsync(new ListInterventionsRequest { Parent = t.Parent, AsOf = asOf }, cancellationToken: ct);
            case 15:
                return await c.Catalog.GetInterventionAsync(new GetInterventionRequest { Name = random.Next(2) == 0 ? t.Direct : t.Other.Direct, AsOf = asOf }, cancellationToken: ct);
            default:
                var audit = random.Next(2) == 0 ? c.FollowUpAudit : c.DocumentationAudit;
                return await audit.ListAuditEventsAsync(new ListAuditEventsRequest { Parent = t.Parent, From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)), PageSize = 50 }, cancellationToken: ct);
        }
    }

    /// <summary>Letters only: a run of digits could look like a personnummer, which is refused.</summary>
    private static string CaseReference(Tenant t, Random random) =>
        TestCaseReferences.Next(t.Marker, random);

    private static string? Pick(ConcurrentBag<string> bag, Random random)
    {
        var items = bag.ToArray();
        return items.Length == 0 ? null : items[random.Next(items.Length)];
    }

    /// <summary>Nothing a kommun gets back may name the other kommun, its markers or its callers.</summary>
    private static void Inspect(string text, Tenant t, int op, ConcurrentQueue<string> violations)
    {
        if (text.Contains(t.Other.Parent, StringComparison.Ordinal) && op is not (4 or 10 or 15 or 23 or 24 or 27))
        {
            violations.Enqueue($"op {op}: {t.Code} saw {t.Other.Parent}");
        }

        if (text.Contains(t.Other.Marker, StringComparison.Ordinal) || text.Contains(t.Other.Code + "-clerk", StringComparison.Ordinal))
        {
            violations.Enqueue($"op {op}: {t.Code} saw {t.Other.Code}'s data");
        }
    }

    private static void Expect(int op, StatusCode code, bool cancelled, ConcurrentQueue<string> violations)
    {
        // A call the client cancels ends CANCELLED; when the cancellation races the call's start or a
        // stream's read, grpc-dotnet's client reports UNAVAILABLE ("the request was aborted") instead.
        if (cancelled && code is StatusCode.Cancelled or StatusCode.Unavailable)
        {
            return;
        }

        var allowed = op switch
        {
            2 or 3 => code == StatusCode.NotFound,
            4 or 10 => code == StatusCode.PermissionDenied,
            15 or 23 or 24 or 27 => code is StatusCode.PermissionDenied,
            5 or 18 or 19 => code is StatusCode.FailedPrecondition or StatusCode.Aborted,
            21 => code is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.PermissionDenied,
            _ => false,
        };
        if (!allowed)
        {
            violations.Enqueue($"op {op}: unexpected {code}");
        }
    }

    private static async Task GiveAlingsasANeedsAssessedInsatsAsync(SuiteStack stack, Tenant a, Tenant b)
    {
        var template = (await a.Callers[0].Catalog.GetInterventionAsync(new GetInterventionRequest { Name = a.Assessed, AsOf = D.Of(2025, 10, 1) })).Intervention;
        var copy = template.Clone();
        copy.Name = b.Assessed;
        copy.CommitteeDecisionReference = "Test: Alingsås öppenvård";
        var created = await b.Callers[0].Catalog.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = b.Parent,
            InterventionId = "oppenvard-vuxna",
            Intervention = copy,
            RequestId = Guid.NewGuid().ToString(),
        });
        await stack.Services("FollowUp").GetRequiredService<CatalogReplica.CatalogReplica>().WaitForRevisionAsync(b.Code, created.Intervention.Revision, TimeSpan.FromSeconds(20));
    }

    /// <summary>Straight from the databases: every row sits under the kommun whose data it is.</summary>
    private static async Task CheckStoredRowsAsync(SuiteStack stack, ConcurrentQueue<string> violations)
    {
        var markers = new Dictionary<string, string> { ["2514"] = "KXA", ["1489"] = "ALB" };
        var followUp = stack.Services("FollowUp").GetRequiredService<DbConnectionFactory>();
        await using (var connection = await followUp.OpenAsync(CancellationToken.None))
        {
            foreach (var row in await connection.QueryAsync<(string Code, string CaseReference)>("SELECT municipality_code, case_reference FROM decision"))
            {
                if (!row.CaseReference.StartsWith(markers[row.Code], StringComparison.Ordinal))
                {
                    violations.Enqueue($"stored: decision of {row.Code} carries another kommun's case reference");
                }
            }
        }

        await using (var connection = await stack.Services("Catalog").GetRequiredService<DbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            foreach (var row in await connection.QueryAsync<(string Code, string Id)>("SELECT municipality_code, intervention_id FROM intervention_version"))
            {
                var other = markers.FirstOrDefault(m => m.Key != row.Code && row.Id.StartsWith(m.Value.ToLowerInvariant() + "-", StringComparison.Ordinal));
                if (other.Key is not null)
                {
                    violations.Enqueue($"stored: an insats of {row.Code} was created by another kommun");
                }
            }
        }

        foreach (var service in new[] { "FollowUp", "Documentation" })
        {
            await using var connection = await stack.Services(service).GetRequiredService<DbConnectionFactory>().OpenAsync(CancellationToken.None);
            // Subjects are kept as keyed pseudonyms: an event of a kommun names one of that kommun's own clerks.
            var pseudonyms = stack.Services(service).GetRequiredService<Audit.SubjectPseudonyms>();
            var clerks = new[] { "2514", "1489" }.ToDictionary(code => code, code => Enumerable.Range(0, 3).Select(i => pseudonyms.Of(code, $"{code}-clerk-{i}")).ToHashSet(StringComparer.Ordinal));
            foreach (var row in await connection.QueryAsync<(string Code, string Subject, string Resource)>("SELECT municipality_code, subject, resource FROM audit_event"))
            {
                if (!clerks.TryGetValue(row.Code, out var own) || !own.Contains(row.Subject) || !row.Resource.StartsWith("municipalities/" + row.Code, StringComparison.Ordinal))
                {
                    violations.Enqueue($"stored: {service} audit event of {row.Code} names another kommun");
                }
            }
        }
    }
}

using System.Security.Cryptography;
using Google.Protobuf;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Data;
using Socialtjanst.Errors;
using Socialtjanst.FollowUp.Domain;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.FollowUp.Application;

/// <summary>
/// FollowUp's writes and reads: the kommun's rules come from the catalog replica, the schedule from
/// the pure <see cref="Schedule"/>, and every write is one transaction (idempotent by request id,
/// guarded by the decision's version).
/// </summary>
public sealed class Decisions(FollowUpStore store, CatalogReplica.CatalogReplica catalog, TimeProvider clock)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    /// <summary>A new decision from a validated registration, checked against the kommun's catalog.</summary>
    private static V1.Decision NewDecision(string code, CatalogSnapshot snapshot, V1.Decision input, string prefix)
    {
        var decisionDate = input.DecisionDate.ToDateOnly(prefix + "decision_date")!.Value;
        var iv = snapshot.InForce(input.Intervention, decisionDate)
            ?? throw Problems.InvalidArgument(prefix + "intervention", "Insatsen finns inte i kommunens katalog den dagen beslutet fattades.");
        if (iv.Access != Access.NeedsAssessed)
        {
            throw Problems.FailedPrecondition([new RuleProblem(Law.Statute.CitationOn(Law.Rule.DirectAccess, Law.Statute.NewActInForce), prefix + "intervention",
                "Insatsen ges utan individuell behovsprövning och följs upp på verksamhetsnivå, inte som ett beslut.")]);
        }

        return new V1.Decision
        {
            Name = $"municipalities/{code}/decisions/{Guid.NewGuid():N}",
            CaseReference = input.CaseReference,
            Intervention = input.Intervention,
            DecisionDate = input.DecisionDate,
            ExtensiveChangingNeeds = input.ExtensiveChangingNeeds,
        };
    }

    public async Task<List<V1.Decision>> RegisterManyAsync(string code, IReadOnlyList<V1.Decision> inputs, string requestId, IMessage request, IWriteJournal? journal, CancellationToken ct)
    {
        var snapshot = Catalog(code);
        var rules = Rules(snapshot);
        var decisions = inputs.Select((d, i) => NewDecision(code, snapshot, d, $"requests[{i}].decision.")).ToList();
        var hash = Hash(request);
        return await store.WriteAsync(code, journal, async w =>
        {
            if (await Replayed<BatchRegisterDecisionsResponse>(w, requestId, "BatchRegisterDecisions", hash) is { } replay)
            {
                return replay.Decisions.ToList();
            }

            var rows = decisions.Select(d => ToRow(d, rules, version: 1, RulesRevision(snapshot))).ToList();
            await w.InsertManyAsync(rows, clock.GetUtcNow());
            var result = rows.Select(r => FromRow(code, r)).ToList();
            var response = new BatchRegisterDecisionsResponse();
            response.Decisions.AddRange(result);
            await w.LogRequestAsync(requestId, "BatchRegisterDecisions", hash, response.ToByteArray(), clock.GetUtcNow());
            return result;
        }, ct);
    }

    public async Task<V1.Decision> RegisterAsync(string code, V1.Decision input, string requestId, IWriteJournal? journal, CancellationToken ct)
    {
        var snapshot = Catalog(code);
        var decision = NewDecision(code, snapshot, input, "decision.");
        var hash = Hash(input);
        return await store.WriteAsync(code, journal, async w =>
        {
            if (await Replayed<RegisterDecisionResponse>(w, requestId, "RegisterDecision", hash) is { } replay)
            {
                return replay.Decision;
            }

            var row = ToRow(decision, Rules(snapshot), version: 1, RulesRevision(snapshot));
            await w.InsertAsync(row, clock.GetUtcNow());
            var result = FromRow(code, row);
            await w.LogRequestAsync(requestId, "RegisterDecision", hash, new RegisterDecisionResponse { Decision = result }.ToByteArray(), clock.GetUtcNow());
            return result;
        }, ct);
    }

    public async Task<V1.Decision> RecordAsync(string code, string decisionId, RecordEventRequest request, IWriteJournal? journal, CancellationToken ct)
    {
        var snapshot = Catalog(code);
        var hash = Hash(request);
        return await store.WriteAsync(code, journal, async w =>
        {
            if (await Replayed<RecordEventResponse>(w, request.RequestId, "RecordEvent", hash) is { } replay)
            {
                return replay.Decision;
            }

            var row = await w.FindAsync(decisionId) ?? throw Problems.NotFound("Beslutet");
            if (Etag(row.Version) != request.Etag)
            {
                throw Problems.Aborted("Etag stämmer inte: beslutet har ändrats. Läs det igen och försök på nytt.");
            }

            var decision = FromRow(code, row);
            DecisionEvents.Apply(decision, request, CivilDates.Today(clock));
            var updated = ToRow(decision, Rules(snapshot), row.Version + 1, RulesRevision(snapshot));
            if (!await w.UpdateAsync(updated, row.Version, request.EventCase.ToString(), clock.GetUtcNow()))
            {
                throw Problems.Aborted("Beslutet ändrades samtidigt av någon annan. Läs det igen och försök på nytt.");
            }

            var result = FromRow(code, updated);
            await w.LogRequestAsync(request.RequestId, "RecordEvent", hash, new RecordEventResponse { Decision = result }.ToByteArray(), clock.GetUtcNow());
            return result;
        }, ct);
    }

    public async Task<V1.Decision> GetAsync(string code, string decisionId, CancellationToken ct) =>
        FromRow(code, await store.FindAsync(code, decisionId, ct) ?? throw Problems.NotFound("Beslutet"));

    // Interpretation: a direct-access insats whose guideline asks for individual follow-up ("Individbaserad uppföljning",
    // Alingsås 3.4.x) has no decision to follow up; the task is the unit's, to follow up each participant's use on the
    // kommun's interval (yearly where it sets none), as it documents each participation (14 kap. 3 § SoL).
    private const string IndividualTask = "Följ upp varje deltagares insats individuellt, som riktlinjen anger (individbaserad uppföljning).";
    private const string ActivityTask = "Följ upp insatsen på verksamhetsnivå.";

    /// <summary>
    /// Follow-ups of the kommun's direct-access insatser, from the catalog, at activity level or per participant: those due in
    /// [from, to] after the (due, insats) key, at most <paramref name="size"/>, and the key to continue from.
    /// </summary>
    public (List<ActivityFollowUp> Page, (DateOnly Due, string Intervention)? Next) ActivityFollowUps(
        string code, DateOnly from, DateOnly to, (DateOnly Due, string Intervention)? after, int size)
    {
        var snapshot = Catalog(code);
        var rules = Rules(snapshot);
        var all = snapshot.Versions
            .Where(v => v.Access == Access.Direct && v.FollowUpMode is FollowUpMode.ActivityLevel or FollowUpMode.Individual)
            .SelectMany(v => Schedule.ActivityFollowUps(v.ValidFrom.ToDateOnly(), v.ValidTo?.ToDateOnly(), rules, from, to)
                .Select(x => (Key: (x.Due, v.Name), Item: new ActivityFollowUp
                {
                    Intervention = v.Name,
                    DisplayName = v.DisplayName,
                    Due = Type.V1.Date.From(x.Due),
                    IntervalMonths = x.IntervalMonths,
                    Individual = v.FollowUpMode == FollowUpMode.Individual,
                    Task = v.FollowUpMode == FollowUpMode.Individual ? IndividualTask : ActivityTask,
                })))
            .Where(x => after is not { } a || x.Key.Due > a.Due || (x.Key.Due == a.Due && string.CompareOrdinal(x.Key.Name, a.Intervention) > 0))
            .OrderBy(x => x.Key.Due)
            .ThenBy(x => x.Key.Name, StringComparer.Ordinal)
            .Take(size + 1)
            .ToList();
        var page = all.Take(size).ToList();
        return (page.Select(x => x.Item).ToList(), all.Count > size ? page[^1].Key : null);
    }

    /// <summary>A row of the due list as the contract shows it.</summary>
    /// <summary>
    /// A page of the follow-ups due in the window (from the first day of all when overdue ones are included), oldest
    /// first, after a page key (next due day, decision id); with the key of its last one when more follow.
    /// </summary>
    public async Task<(List<DueFollowUp> Due, string[]? NextKey)> DueAsync(string code, string from, string to, string[] after, int size, CancellationToken ct)
    {
        var rows = await store.DueAsync(code, from, to, after[0], after[1], size + 1, ct);
        return (rows.Take(size).Select(row => Due(code, row)).ToList(), rows.Count > size ? [rows[size - 1].NextDue, rows[size - 1].DecisionId] : null);
    }

    public static DueFollowUp Due(string code, DueRow row) => new()
    {
        Decision = $"municipalities/{code}/decisions/{row.DecisionId}",
        CaseReference = row.CaseReference,
        Intervention = row.Intervention,
        Due = Type.V1.Date.From(CivilDates.ParseIso(row.NextDue)),
        Reason = (V1.DueReason)row.NextDueReason,
    };

    /// <summary>The kommun's follow-up rules from its catalog copy.</summary>
    public List<FollowUpRules> RulesOf(string code) => Rules(Catalog(code));

    private CatalogSnapshot Catalog(string code) =>
        catalog.Get(code) ?? throw Problems.CatalogNotReceived();

    public static List<FollowUpRules> Rules(CatalogSnapshot snapshot) => snapshot.Rules
        .Select(r => new FollowUpRules(r.ValidFrom.ToDateOnly(), r.ValidTo?.ToDateOnly(), r.FollowUpIntervalMonths,
            r.ExtensiveNeedsFirstFollowUpMonths, r.ExtensiveNeedsFollowUpIntervalMonths, r.ExecutionLimitMonths))
        .ToList();

    /// <summary>
    /// The catalog revision that last wrote a version of the kommun's rules: it only grows, so a schedule
    /// made with it can be told from one made with older rules (0 when the kommun has no rules).
    /// </summary>
    public static long RulesRevision(CatalogSnapshot snapshot) => snapshot.Rules.Count == 0 ? 0 : snapshot.Rules.Max(r => r.Revision);

    public static string Etag(long version) => "v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Domain.Decision ToDomain(V1.Decision d) => new(
        d.CaseReference,
        d.DecisionDate.ToDateOnly(),
        d.ExtensiveChangingNeeds,
        d.ExecutionStarted?.ToDateOnly(),
        d.Interruptions.Select(i => new Domain.Interruption(i.InterruptedOn.ToDateOnly(), i.ResumedOn?.ToDateOnly())).ToList(),
        d.FollowUps.Select(f => f.Date.ToDateOnly()).ToList(),
        d.ChangedCircumstances.Select(c => c.ToDateOnly()).ToList(),
        d.Closure?.Date.ToDateOnly());

    /// <summary>The stored form, with the columns the queries use derived from the decision and the rules.</summary>
    public static DecisionRow ToRow(V1.Decision decision, IReadOnlyList<FollowUpRules> rules, long version, long rulesRevision = 0)
    {
        var domain = ToDomain(decision);
        var next = Schedule.NextFollowUp(domain, rules);
        var deadline = Schedule.ExecutionDeadline(domain, rules);
        var interruptionDeadline = domain.Interruptions
            .Select(i => (i, limit: rules.FirstOrDefault(r => r.InForce(i.From))?.ExecutionLimitMonths ?? 0))
            .Where(x => x.limit > 0)
            .Select(x => (x.i, deadline: Schedule.AddMonths(x.i.From, x.limit)))
            .Where(x => x.i.ResumedOn is null || x.i.ResumedOn > x.deadline)
            .Select(x => (DateOnly?)x.deadline)
            .Min();
        var body = decision.Clone();
        body.Name = "";
        body.NextFollowUpDue = null;
        body.NextFollowUpReason = V1.DueReason.Unspecified;
        body.ExecutionDeadline = null;
        body.Etag = "";
        return new DecisionRow
        {
            DecisionId = decision.Name[(decision.Name.LastIndexOf('/') + 1)..],
            CaseReference = decision.CaseReference,
            Intervention = decision.Intervention,
            DecisionDate = domain.DecisionDate.ToIso(),
            Body = JsonFormatter.Default.Format(body),
            NextDue = next?.Due.ToIso(),
            NextDueReason = next is null ? 0 : (long)ToProto(next.Reason),
            ExecutionDeadline = deadline?.ToIso(),
            ExecutedOn = domain.ExecutionStarted?.ToIso(),
            InterruptionDeadline = interruptionDeadline?.ToIso(),
            ClosedOn = domain.ClosedOn?.ToIso(),
            Version = version,
            RulesRevision = rulesRevision,
        };
    }

    public static V1.Decision FromRow(string code, DecisionRow row)
    {
        var d = Parser.Parse<V1.Decision>(row.Body);
        d.Name = $"municipalities/{code}/decisions/{row.DecisionId}";
        d.NextFollowUpDue = row.NextDue is null ? null : Type.V1.Date.From(CivilDates.ParseIso(row.NextDue));
        d.NextFollowUpReason = (V1.DueReason)row.NextDueReason;
        d.ExecutionDeadline = row.ExecutionDeadline is null ? null : Type.V1.Date.From(CivilDates.ParseIso(row.ExecutionDeadline));
        d.Etag = Etag(row.Version);
        return d;
    }

    public static V1.DueReason ToProto(Domain.DueReason reason) => reason switch
    {
        Domain.DueReason.Interval => V1.DueReason.Interval,
        Domain.DueReason.ExtensiveFirst => V1.DueReason.ExtensiveFirst,
        _ => V1.DueReason.ChangedCircumstances,
    };

    private static async Task<T?> Replayed<T>(DecisionWrite w, string requestId, string method, string hash) where T : class, IMessage<T>, new() =>
        RequestLog.Replay<T>(await w.FindRequestAsync(requestId), method, hash);

    private static string Hash(IMessage message) => Convert.ToHexString(SHA256.HashData(message.ToByteArray()));
}

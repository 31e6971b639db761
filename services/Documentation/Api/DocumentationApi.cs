using System.Text.RegularExpressions;
using Grpc.Core;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.Domain;
using Socialtjanst.Documentation.Storage;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Audit;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Documentation.Api;

/// <summary>The gRPC face of Documentation. The note's text is read, scanned and returned redacted; it is never logged.</summary>
public sealed partial class DocumentationApi(CatalogReplica.CatalogReplica catalog, ParticipationStore store, ReportOptions report, TimeProvider clock)
    : DocumentationService.DocumentationServiceBase
{
    public const string Scope = "documentation.use";
    public const int MaxText = 20_000;
    public const int MaxFields = 50;
    public const string Redaction = NoteReview.Redaction;

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex FieldNamePattern();

    public override Task<GetRecordingPolicyResponse> GetRecordingPolicy(GetRecordingPolicyRequest request, ServerCallContext context)
    {
        var (iv, revision) = Intervention(context, request.Intervention, request.AsOf);
        var day = request.AsOf.ToDateOnly("as_of") ?? CivilDates.Today(clock);
        var response = new GetRecordingPolicyResponse
        {
            Intervention = iv.Name,
            CatalogRevision = revision,
            SpecialGrounds = iv.SpecialGrounds,
            CommitteeDecisionReference = iv.CommitteeDecisionReference,
            StatuteFloor = RecordingPolicy.Basis(iv, day).Override ?? "",
            Act = $"SoL ({Law.Statute.ActOn(day).Sfs})",
        };
        response.Policies.AddRange(RecordingPolicy.For(iv, day));
        return Task.FromResult(response);
    }

    public override Task<ReviewRecordResponse> ReviewRecord(ReviewRecordRequest request, ServerCallContext context)
    {
        Authorize(context, request.Intervention);
        var problems = new List<FieldProblem>();
        if (request.Text.Length > MaxText || (request.Text.Length == 0 && request.Fields.Count == 0))
        {
            problems.Add(new FieldProblem("text", $"Anteckningen ska vara 1–{MaxText} tecken."));
        }

        if (NoteReview.IsMalformed(request.Text))
        {
            problems.Add(new FieldProblem("text", "Texten är inte giltig UTF-8."));
        }

        if (request.Fields.Count > MaxFields)
        {
            problems.Add(new FieldProblem("fields", $"Högst {MaxFields} fält."));
        }

        for (var i = 0; i < request.Fields.Count && i < MaxFields; i++)
        {
            if (!FieldNamePattern().IsMatch(request.Fields[i].Name))
            {
                problems.Add(new FieldProblem($"fields[{i}].name", "1–64 tecken: gemener, siffror, _ och -."));
            }

            if (request.Fields[i].Value.Length > 4000)
            {
                problems.Add(new FieldProblem($"fields[{i}].value", "Högst 4000 tecken."));
            }
            else if (NoteReview.IsMalformed(request.Fields[i].Value))
            {
                problems.Add(new FieldProblem($"fields[{i}].value", "Texten är inte giltig UTF-8."));
            }
        }

        if (!Enum.IsDefined(request.OnViolation))
        {
            problems.Add(new FieldProblem("on_violation", "Okänt värde."));
        }

        if (problems.Count > 0)
        {
            throw Problems.InvalidArgument(problems);
        }

        var (iv, revision) = Intervention(context, request.Intervention, request.AsOf);
        context.Audit(iv.Name);
        var policies = RecordingPolicy.For(iv, request.AsOf.ToDateOnly("as_of") ?? CivilDates.Today(clock));
        var identityForbidden = RecordingPolicy.Of(policies, DataCategory.Identity) == Requirement.Forbidden;
        var basis = policies.First(p => p.Category == DataCategory.Identity).Basis;
        var today = CivilDates.Today(clock);
        var report = request.OnViolation == FindingAction.Report;
        var response = new ReviewRecordResponse { CatalogRevision = revision };
        var text = NoteReview.Review("text", request.Text, today, identityForbidden);
        Add(response, text, basis);
        response.RedactedText = report ? "" : text.Redacted;
        for (var i = 0; i < request.Fields.Count; i++)
        {
            var field = NoteReview.Review($"fields[{i}].value", request.Fields[i].Value, today, identityForbidden);
            Add(response, field, basis);
            if (!report)
            {
                response.RedactedFields.Add(new RecordField { Name = request.Fields[i].Name, Value = field.Redacted });
            }
        }

        response.Compliant = !response.Findings.Any(f => f.Violation);
        response.Accepted = response.Compliant || request.OnViolation is FindingAction.Redact or FindingAction.Report;
        return Task.FromResult(response);
    }

    private static V1.IdentifierKind KindOf(Domain.IdentifierKind kind) => kind switch
    {
        Domain.IdentifierKind.Name => V1.IdentifierKind.Name,
        Domain.IdentifierKind.Personnummer => V1.IdentifierKind.Personnummer,
        Domain.IdentifierKind.Samordningsnummer => V1.IdentifierKind.Samordningsnummer,
        Domain.IdentifierKind.Phone => V1.IdentifierKind.Phone,
        Domain.IdentifierKind.Email => V1.IdentifierKind.Email,
        _ => V1.IdentifierKind.Address,
    };

    private static void Add(ReviewRecordResponse response, ReviewedText reviewed, string basis)
    {
        foreach (var f in reviewed.Findings)
        {
            response.Findings.Add(new V1.Finding
            {
                Field = f.Field,
                Category = DataCategory.Identity,
                Detector = f.Detection.Detector,
                Kind = KindOf(f.Detection.Kind),
                Confidence = f.Detection.Confidence,
                Start = f.Detection.Start,
                Length = f.Detection.Length,
                Violation = f.Violation,
                Rule = f.Violation ? basis : "", // the paragraph; GetRecordingPolicy explains it
            });
        }
    }

    public override async Task<RecordParticipationResponse> RecordParticipation(RecordParticipationRequest request, ServerCallContext context)
    {
        Authorize(context, request.Intervention);
        var p = request.Participation ?? throw Problems.InvalidArgument("participation", "Fältet krävs.");
        var problems = new List<FieldProblem>();
        if (!Guid.TryParse(request.RequestId, out _))
        {
            problems.Add(new FieldProblem("request_id", "Ett UUID krävs."));
        }

        if (p.AgeBand == AgeBand.Unspecified || !Enum.IsDefined(p.AgeBand))
        {
            problems.Add(new FieldProblem("participation.age_band", "Okänt värde."));
        }

        if (p.Gender == Gender.Unspecified || !Enum.IsDefined(p.Gender))
        {
            problems.Add(new FieldProblem("participation.gender", "Okänt värde."));
        }

        if (p.WellbeingStart is < 1 or > 5)
        {
            problems.Add(new FieldProblem("participation.wellbeing_start", "Skalan är 1–5."));
        }

        if (p.WellbeingEnd is < 0 or > 5)
        {
            problems.Add(new FieldProblem("participation.wellbeing_end", "Skalan är 1–5 (0 när den inte är avslutad)."));
        }

        if (!Enum.IsDefined(p.EarlyEndReason))
        {
            problems.Add(new FieldProblem("participation.early_end_reason", "Okänt värde."));
        }

        DateOnly? day = null;
        try
        {
            day = p.Date.ToDateOnly("participation.date");
        }
        catch (RpcException)
        {
            problems.Add(new FieldProblem("participation.date", "Datumet finns inte."));
        }

        if (p.Date is null || day > CivilDates.Today(clock))
        {
            problems.Add(new FieldProblem("participation.date", "Ett datum som inte ligger i framtiden krävs."));
        }

        if (problems.Count > 0)
        {
            throw Problems.InvalidArgument(problems);
        }

        var (iv, _) = Intervention(context, request.Intervention, p.Date);
        context.Audit(iv.Name);
        var recorded = await store.RecordAsync(context.GetCaller().MunicipalityCode, request.RequestId, IdOf(iv.Name), new ParticipationRow
        {
            Day = day!.Value.ToIso(),
            AgeBand = (long)p.AgeBand,
            Gender = (long)p.Gender,
            WellbeingStart = p.WellbeingStart,
            WellbeingEnd = p.WellbeingEnd,
            EarlyEndReason = (long)p.EarlyEndReason,
        }, context.CancellationToken);
        return new RecordParticipationResponse { Recorded = recorded };
    }

    public override async Task<GetActivityReportResponse> GetActivityReport(GetActivityReportRequest request, ServerCallContext context)
    {
        var (caller, rest) = Authorize(context, request.Intervention);
        var from = request.From.ToDateOnly("from") ?? throw Problems.InvalidArgument("from", "Fältet krävs.");
        var to = request.To.ToDateOnly("to") ?? throw Problems.InvalidArgument("to", "Fältet krävs.");
        if (to < from || to > from.AddYears(5))
        {
            throw Problems.InvalidArgument("to", "Perioden ska vara 0 dagar till 5 år.");
        }

        var snapshot = catalog.Get(caller.MunicipalityCode) ?? throw new RpcException(new Status(StatusCode.Unavailable, "Kommunens katalog har ännu inte tagits emot."));
        if (!rest.StartsWith("interventions/", StringComparison.Ordinal) || !snapshot.Knows(request.Intervention))
        {
            throw Problems.NotFound("Insatsen");
        }

        var rows = await store.PeriodAsync(caller.MunicipalityCode, IdOf(request.Intervention), from.ToIso(), to.ToIso(), context.CancellationToken);
        var t = report.SuppressionThreshold;
        var response = new GetActivityReportResponse
        {
            ByAgeBand = Table(Enum.GetValues<AgeBand>().Where(a => a != AgeBand.Unspecified).Select(a => (a.ToString(), rows.Count(r => r.AgeBand == (long)a))).ToList(), t),
            ByGender = Table(Enum.GetValues<Gender>().Where(g => g != Gender.Unspecified).Select(g => (g.ToString(), rows.Count(r => r.Gender == (long)g))).ToList(), t),
            EarlyEnds = Table(Enum.GetValues<EarlyEndReason>().Where(e => e != EarlyEndReason.Unspecified).Select(e => (e.ToString(), rows.Count(r => r.EarlyEndReason == (long)e))).ToList(), t),
            Threshold = t,
        };
        if (rows.Count >= t)
        {
            response.MeanWellbeingStart = Math.Round(rows.Average(r => r.WellbeingStart), 1);
        }

        var ended = rows.Where(r => r.WellbeingEnd > 0).ToList();
        if (ended.Count >= t)
        {
            response.MeanWellbeingEnd = Math.Round(ended.Average(r => r.WellbeingEnd), 1);
        }

        return response;
    }

    private static ReportTable Table(IReadOnlyList<(string Key, int Count)> cells, int threshold)
    {
        var suppressed = Suppression.Apply(cells, threshold);
        var table = new ReportTable();
        if (suppressed.Total is { } total)
        {
            table.Total = total;
        }

        foreach (var (key, count) in suppressed.Cells)
        {
            var cell = new ReportCell { Key = key };
            if (count is { } c)
            {
                cell.Count = c;
            }

            table.Cells.Add(cell);
        }

        return table;
    }

    private static string IdOf(string name) => name[(name.LastIndexOf('/') + 1)..];

    /// <summary>The caller, its scope and the kommun of the insats named: checked before anything else.</summary>
    private static (Caller Caller, string Remainder) Authorize(ServerCallContext context, string name)
    {
        var caller = context.GetCaller();
        caller.Require(Scope);
        return (caller, MunicipalityCodes.ClaimName(caller, name, "intervention"));
    }

    private (Intervention Intervention, long Revision) Intervention(ServerCallContext context, string name, Type.V1.Date? asOf)
    {
        var (caller, rest) = Authorize(context, name);
        if (!rest.StartsWith("interventions/", StringComparison.Ordinal))
        {
            throw Problems.InvalidArgument("intervention", "Namnet ska vara municipalities/{kommunkod}/interventions/{id}.");
        }

        var day = asOf.ToDateOnly("as_of") ?? CivilDates.Today(clock);
        var snapshot = catalog.Get(caller.MunicipalityCode) ?? throw new RpcException(new Status(StatusCode.Unavailable, "Kommunens katalog har ännu inte tagits emot."));
        var iv = snapshot.InForce(name, day) ?? throw Problems.NotFound("Insatsen den dagen");
        return (iv, snapshot.Revision);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Audit;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Privacy;

namespace Socialtjanst.FollowUp.Api;

/// <summary>The gRPC face of FollowUp: checks the caller and the request's shape, maps messages.</summary>
public sealed partial class FollowUpApi(Decisions decisions, FollowUpStore store, TimeProvider clock) : FollowUpService.FollowUpServiceBase
{
    public const string ReadScope = "followup.read";
    public const string WriteScope = "followup.write";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$")]
    private static partial Regex CaseReferencePattern();

    [GeneratedRegex("^decisions/[0-9a-f]{32}$")]
    private static partial Regex DecisionNamePattern();

    public override async Task<RegisterDecisionResponse> RegisterDecision(RegisterDecisionRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, WriteScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var problems = new List<FieldProblem>();
        if (!Guid.TryParse(request.RequestId, out _))
        {
            problems.Add(new FieldProblem("request_id", "Ett UUID krävs."));
        }

        ValidateRegistration(caller, request.Decision, "decision.", problems);
        if (problems.Count > 0)
        {
            throw Problems.InvalidArgument(problems);
        }

        var registered = await decisions.RegisterAsync(caller.MunicipalityCode, request.Decision, request.RequestId, context.CancellationToken);
        context.Audit(registered.Name);
        return new RegisterDecisionResponse { Decision = registered };
    }

    public override async Task<BatchRegisterDecisionsResponse> BatchRegisterDecisions(BatchRegisterDecisionsRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, WriteScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var problems = new List<FieldProblem>();
        if (!Guid.TryParse(request.RequestId, out _))
        {
            problems.Add(new FieldProblem("request_id", "Ett UUID krävs."));
        }

        if (request.Requests.Count is 0 or > MaxBatch)
        {
            problems.Add(new FieldProblem("requests", $"1–{MaxBatch} registreringar."));
        }

        for (var i = 0; i < request.Requests.Count && problems.Count < 100; i++)
        {
            var item = request.Requests[i];
            if (item.Parent.Length > 0 && item.Parent != request.Parent)
            {
                problems.Add(new FieldProblem($"requests[{i}].parent", "Ska vara tom eller samma som batchens."));
            }

            ValidateRegistration(caller, item.Decision, $"requests[{i}].decision.", problems);
        }

        if (problems.Count > 0)
        {
            throw Problems.InvalidArgument(problems);
        }

        var registered = await decisions.RegisterManyAsync(caller.MunicipalityCode, request.Requests.Select(r => r.Decision).ToList(), request.RequestId, request, context.CancellationToken);
        var response = new BatchRegisterDecisionsResponse();
        response.Decisions.AddRange(registered);
        foreach (var d in registered)
        {
            context.Audit(d.Name);
        }

        return response;
    }

    public const int MaxBatch = 1000;

    private void ValidateRegistration(Caller caller, Decision? d, string prefix, List<FieldProblem> problems)
    {
        if (d is null)
        {
            problems.Add(new FieldProblem(prefix.TrimEnd('.'), "Fältet krävs."));
            return;
        }

        if (!CaseReferencePattern().IsMatch(d.CaseReference))
        {
            problems.Add(new FieldProblem(prefix + "case_reference", "1–64 tecken: bokstäver, siffror och _ . / -."));
        }
        else if (PersonalIdentityNumber.LooksLikeOne(d.CaseReference))
        {
            problems.Add(new FieldProblem(prefix + "case_reference", "Ärendereferensen ser ut som ett personnummer; använd en pseudonym referens."));
        }

        try
        {
            if (MunicipalityCodes.ClaimName(caller, d.Intervention, prefix + "intervention") is var rest && !rest.StartsWith("interventions/", StringComparison.Ordinal))
            {
                problems.Add(new FieldProblem(prefix + "intervention", "Namnet ska vara municipalities/{kommunkod}/interventions/{id}."));
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            problems.Add(new FieldProblem(prefix + "intervention", "Namnet ska vara municipalities/{kommunkod}/interventions/{id}."));
        }

        DateOnly? decided = null;
        try
        {
            decided = d.DecisionDate.ToDateOnly(prefix + "decision_date");
        }
        catch (RpcException)
        {
            problems.Add(new FieldProblem(prefix + "decision_date", "Datumet finns inte."));
        }

        if (d.DecisionDate is null)
        {
            problems.Add(new FieldProblem(prefix + "decision_date", "Fältet krävs."));
        }
        else if (decided > CivilDates.Today(clock))
        {
            problems.Add(new FieldProblem(prefix + "decision_date", "Beslutsdatum kan inte ligga i framtiden."));
        }
    }

    public override async Task<RecordEventResponse> RecordEvent(RecordEventRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, WriteScope);
        var id = DecisionId(caller, request.Name);
        context.Audit(request.Name);
        if (!Guid.TryParse(request.RequestId, out _))
        {
            throw Problems.InvalidArgument("request_id", "Ett UUID krävs.");
        }

        if (request.Etag.Length == 0)
        {
            throw Problems.InvalidArgument("etag", "Etag krävs.");
        }

        return new RecordEventResponse { Decision = await decisions.RecordAsync(caller.MunicipalityCode, id, request, context.CancellationToken) };
    }

    public override async Task<GetDecisionResponse> GetDecision(GetDecisionRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, ReadScope);
        var id = DecisionId(caller, request.Name);
        context.Audit(request.Name);
        return new GetDecisionResponse { Decision = await decisions.GetAsync(caller.MunicipalityCode, id, context.CancellationToken) };
    }

    public override async Task<ListDueFollowUpsResponse> ListDueFollowUps(ListDueFollowUpsRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var from = request.From.ToDateOnly("from") ?? throw Problems.InvalidArgument("from", "Fältet krävs.");
        var to = request.To.ToDateOnly("to") ?? throw Problems.InvalidArgument("to", "Fältet krävs.");
        if (to < from || to > from.AddDays(366))
        {
            throw Problems.InvalidArgument("to", "Fönstret ska vara 0–366 dagar.");
        }

        var size = request.PageSize switch
        {
            < 0 => throw Problems.InvalidArgument("page_size", "Får inte vara negativ."),
            0 => 100,
            > 500 => 500,
            _ => request.PageSize,
        };
        var (afterDue, afterId) = PageToken(request.PageToken, from, to, request.IncludeOverdue);
        var rows = await store.DueAsync(caller.MunicipalityCode, request.IncludeOverdue ? "0000-00-00" : from.ToIso(), to.ToIso(), afterDue, afterId, size + 1, context.CancellationToken);
        var response = new ListDueFollowUpsResponse();
        foreach (var row in rows.Take(size))
        {
            response.Due.Add(new DueFollowUp
            {
                Decision = $"municipalities/{caller.MunicipalityCode}/decisions/{row.DecisionId}",
                CaseReference = row.CaseReference,
                Intervention = row.Intervention,
                Due = Type.V1.Date.From(CivilDates.ParseIso(row.NextDue)),
                Reason = (DueReason)row.NextDueReason,
            });
        }

        if (rows.Count > size)
        {
            var last = rows[size - 1];
            response.NextPageToken = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{from.ToIso()}|{to.ToIso()}|{request.IncludeOverdue}|{last.NextDue}|{last.DecisionId}"));
        }

        return response;
    }

    public override Task<ListActivityFollowUpsResponse> ListActivityFollowUps(ListActivityFollowUpsRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var from = request.From.ToDateOnly("from") ?? throw Problems.InvalidArgument("from", "Fältet krävs.");
        var to = request.To.ToDateOnly("to") ?? throw Problems.InvalidArgument("to", "Fältet krävs.");
        if (to < from || to > from.AddDays(366))
        {
            throw Problems.InvalidArgument("to", "Fönstret ska vara 0–366 dagar.");
        }

        var response = new ListActivityFollowUpsResponse();
        response.FollowUps.AddRange(decisions.ActivityFollowUps(caller.MunicipalityCode, from, to));
        return Task.FromResult(response);
    }

    public override async Task<ListExecutionDelaysResponse> ListExecutionDelays(ListExecutionDelaysRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        DateOnly asOf;
        if (request.Quarter != 0)
        {
            var (year, quarter) = (request.Quarter / 10, request.Quarter % 10);
            if (year is < 2000 or > CivilDates.MaxYear || quarter is < 1 or > 4)
            {
                throw Problems.InvalidArgument("quarter", "Ange år och kvartal, t.ex. 20253.");
            }

            asOf = new DateOnly(year, quarter * 3, 1).AddMonths(1); // the day after the quarter: its last day counts
        }
        else
        {
            asOf = request.AsOf.ToDateOnly("as_of") ?? CivilDates.Today(clock);
        }

        var response = new ListExecutionDelaysResponse { AsOf = Type.V1.Date.From(request.Quarter != 0 ? asOf.AddDays(-1) : asOf) };
        response.Delays.AddRange(await decisions.DelaysAsync(caller.MunicipalityCode, asOf, context.CancellationToken));
        return response;
    }

    private static Caller Authorize(ServerCallContext context, string scope)
    {
        var caller = context.GetCaller();
        caller.Require(scope);
        return caller;
    }

    private static string DecisionId(Caller caller, string name)
    {
        var rest = MunicipalityCodes.ClaimName(caller, name, "name");
        if (!DecisionNamePattern().IsMatch(rest))
        {
            throw Problems.InvalidArgument("name", "Namnet ska vara municipalities/{kommunkod}/decisions/{id}.");
        }

        return rest["decisions/".Length..];
    }

    private static (string Due, string Id) PageToken(string token, DateOnly from, DateOnly to, bool overdue)
    {
        if (token.Length == 0)
        {
            return ("", "");
        }

        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length == 5 && parts[0] == from.ToIso() && parts[1] == to.ToIso() && parts[2] == overdue.ToString(CultureInfo.InvariantCulture))
            {
                return (parts[3], parts[4]);
            }
        }
        catch (FormatException)
        {
        }

        throw Problems.InvalidArgument("page_token", "Sidtoken hör inte till den här frågan.");
    }
}

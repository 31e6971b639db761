using Grpc.Core;
using Socialtjanst.Audit;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;
using Socialtjanst.Type.V1;

namespace Socialtjanst.FollowUp.Api;

/// <summary>The gRPC face of FollowUp: checks the caller and the request's shape, maps messages.</summary>
public sealed class FollowUpApi(Decisions decisions, ExecutionDelays delays, FollowUpRequests requests, PageTokens pages)
    : FollowUpService.FollowUpServiceBase
{
    public const string ReadScope = "followup.read";
    public const string WriteScope = "followup.write";

    public override async Task<RegisterDecisionResponse> RegisterDecision(RegisterDecisionRequest request, ServerCallContext context)
    {
        var caller = context.Require(WriteScope);
        requests.Check(caller, request);
        var registered = await decisions.RegisterAsync(caller.MunicipalityCode, request.Decision, request.RequestId, context.WriteJournal(), context.CancellationToken);
        context.Audit(registered.Name);
        return new RegisterDecisionResponse { Decision = registered };
    }

    public override async Task<BatchRegisterDecisionsResponse> BatchRegisterDecisions(BatchRegisterDecisionsRequest request, ServerCallContext context)
    {
        var caller = context.Require(WriteScope);
        requests.Check(caller, request);
        var registered = await decisions.RegisterManyAsync(caller.MunicipalityCode, request.Requests.Select(r => r.Decision).ToList(), request.RequestId, request, context.WriteJournal(), context.CancellationToken);
        registered.ForEach(d => context.Audit(d.Name));
        return new BatchRegisterDecisionsResponse { Decisions = { registered } };
    }

    public override async Task<RecordEventResponse> RecordEvent(RecordEventRequest request, ServerCallContext context)
    {
        var caller = context.Require(WriteScope);
        var id = FollowUpRequests.DecisionId(caller, request.Name);
        context.Audit(request.Name);
        FollowUpRequests.Check(request);
        return new RecordEventResponse { Decision = await decisions.RecordAsync(caller.MunicipalityCode, id, request, context.WriteJournal(), context.CancellationToken) };
    }

    public override async Task<GetDecisionResponse> GetDecision(GetDecisionRequest request, ServerCallContext context)
    {
        var caller = context.Require(ReadScope);
        var id = FollowUpRequests.DecisionId(caller, request.Name);
        context.Audit(request.Name);
        return new GetDecisionResponse { Decision = await decisions.GetAsync(caller.MunicipalityCode, id, context.CancellationToken) };
    }

    public override async Task<ListDueFollowUpsResponse> ListDueFollowUps(ListDueFollowUpsRequest request, ServerCallContext context)
    {
        var caller = context.Require(ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var (from, to) = Periods.Of(request.From, request.To, f => f.AddDays(366), "Fönstret ska vara 0–366 dagar.");
        var paging = pages.Open(request.PageToken, request.PageSize, caller.MunicipalityCode, PageTokens.Query(from, to, request.IncludeOverdue), 2, 100, 500);
        var (due, next) = await decisions.DueAsync(caller.MunicipalityCode, request.IncludeOverdue ? "0000-00-00" : from.ToIso(), to.ToIso(), paging.After ?? ["", ""], paging.Size, context.CancellationToken);
        return new ListDueFollowUpsResponse { Due = { due }, NextPageToken = paging.NextToken(next) };
    }

    public override Task<ListActivityFollowUpsResponse> ListActivityFollowUps(ListActivityFollowUpsRequest request, ServerCallContext context)
    {
        var caller = context.Require(ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var (from, to) = Periods.Of(request.From, request.To, f => f.AddDays(366), "Fönstret ska vara 0–366 dagar.");
        var paging = pages.Open(request.PageToken, request.PageSize, caller.MunicipalityCode, PageTokens.Query(from, to), 2, 100, 500);
        var after = paging.After is { } t ? (CivilDates.ParseIso(t[0]), t[1]) : ((DateOnly, string)?)null;
        var (page, next) = decisions.ActivityFollowUps(caller.MunicipalityCode, from, to, after, paging.Size);
        return Task.FromResult(new ListActivityFollowUpsResponse { FollowUps = { page }, NextPageToken = paging.NextToken(next is { } n ? [n.Due.ToIso(), n.Intervention] : null) });
    }

    public override async Task<ListExecutionDelaysResponse> ListExecutionDelays(ListExecutionDelaysRequest request, ServerCallContext context)
    {
        var caller = context.Require(ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var (asOf, shown) = requests.DelayDay(request.Quarter, request.AsOf);
        var paging = pages.Open(request.PageToken, request.PageSize, caller.MunicipalityCode, PageTokens.Query(asOf, request.Quarter), 3, 500, 1000);
        var after = paging.After is { } t ? new DelayKey(CivilDates.ParseIso(t[0]), t[1], t[2] == "1") : null;
        var (page, next) = await delays.PageAsync(caller.MunicipalityCode, asOf, after, paging.Size, context.CancellationToken);
        return new ListExecutionDelaysResponse
        {
            AsOf = Type.V1.Date.From(shown),
            Delays = { page },
            NextPageToken = paging.NextToken(next is null ? null : [next.Deadline.ToIso(), next.Decision, next.Interruption ? "1" : "0"]),
        };
    }

    public override async Task ExportExecutionDelays(ExportExecutionDelaysRequest request, IServerStreamWriter<ExportExecutionDelaysResponse> responseStream, ServerCallContext context)
    {
        var caller = context.Require(ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var (asOf, shown) = requests.DelayDay(request.Quarter, request.AsOf);
        context.Audit(request.Parent);
        await foreach (var batch in delays.ExportAsync(caller.MunicipalityCode, asOf, context.CancellationToken))
        {
            foreach (var chunk in batch.Chunk(500))
            {
                await responseStream.WriteAsync(new ExportExecutionDelaysResponse { AsOf = Type.V1.Date.From(shown), Delays = { chunk } }, context.CancellationToken);
            }
        }
    }
}

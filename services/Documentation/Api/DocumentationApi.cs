using Grpc.Core;
using Socialtjanst.Audit;
using Socialtjanst.Documentation.Application;
using Socialtjanst.Documentation.Domain;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Documentation.Api;

/// <summary>The gRPC face of Documentation. The note's text is read, scanned and returned redacted; it is never logged.</summary>
public sealed class DocumentationApi(Interventions interventions, Participations participations, ActivityReports reports, TimeProvider clock)
    : DocumentationService.DocumentationServiceBase
{
    public const string Scope = "documentation.use";

    public override Task<GetRecordingPolicyResponse> GetRecordingPolicy(GetRecordingPolicyRequest request, ServerCallContext context)
    {
        var caller = context.Require(Scope);
        ResourceNames.ClaimIntervention(caller, request.Intervention);
        var day = request.AsOf.ToDateOnly("as_of") ?? CivilDates.Today(clock);
        var (iv, revision) = interventions.InForce(caller.MunicipalityCode, request.Intervention, day);
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
        var caller = context.Require(Scope);
        ResourceNames.ClaimIntervention(caller, request.Intervention);
        ReviewRequests.Check(request);
        var today = CivilDates.Today(clock);
        var day = request.AsOf.ToDateOnly("as_of") ?? today;
        var (iv, revision) = interventions.InForce(caller.MunicipalityCode, request.Intervention, day);
        context.Audit(iv.Name);
        return Task.FromResult(RecordReviews.Review(request, iv, revision, day, today));
    }

    public override async Task<RecordParticipationResponse> RecordParticipation(RecordParticipationRequest request, ServerCallContext context)
    {
        var caller = context.Require(Scope);
        var id = ResourceNames.ClaimIntervention(caller, request.Intervention);
        var day = ReviewRequests.Check(request, CivilDates.Today(clock));
        var (iv, _) = interventions.InForce(caller.MunicipalityCode, request.Intervention, day);
        context.Audit(iv.Name);
        var recorded = await participations.RecordAsync(caller.MunicipalityCode, request.RequestId, id, iv.Name, day, request.Participation, context.WriteJournal(), context.CancellationToken);
        return new RecordParticipationResponse { Recorded = recorded };
    }

    public override async Task<GetActivityReportResponse> GetActivityReport(GetActivityReportRequest request, ServerCallContext context)
    {
        var caller = context.Require(Scope);
        var id = ResourceNames.ClaimIntervention(caller, request.Intervention);
        var (from, to) = Periods.Of(request.From, request.To, from => from.AddYears(5), "Perioden ska vara 0 dagar till 5 år.");
        interventions.RequireKnown(caller.MunicipalityCode, request.Intervention);
        return await reports.ReportAsync(caller.MunicipalityCode, id, from, to, context.CancellationToken);
    }
}

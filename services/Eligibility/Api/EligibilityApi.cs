using Grpc.Core;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Application;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;
using Socialtjanst.Hosting.Rest;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Eligibility.Api;

/// <summary>The gRPC (and REST) face of Eligibility: reads the request, asks the evaluator, maps the answer.</summary>
[BindServiceMethod(typeof(EligibilityBinding), nameof(EligibilityBinding.BindService))]
public sealed class EligibilityApi(CatalogReplica.CatalogReplica replica, DecisionLog log, TimeProvider clock) : EligibilityService.EligibilityServiceBase
{
    public const string CheckScope = "eligibility.check";

    // Counts answers by kommun and outcome: activity-level figures for ops, nothing about a person.
    private static readonly System.Diagnostics.Metrics.Meter Meter = new(Telemetry.SourceName("Eligibility"));
    private static readonly System.Diagnostics.Metrics.Counter<long> Checks = Meter.CreateCounter<long>("eligibility.checks", description: "Eligibility answers by kommun and outcome");

    public override Task<CheckEligibilityResponse> CheckEligibility(CheckEligibilityRequest request, ServerCallContext context)
    {
        var caller = context.Require(CheckScope);
        ResourceNames.ClaimIntervention(caller, request.Intervention);
        var (snapshot, asOf, facts) = Prepare(caller.MunicipalityCode, request.AsOf, request.Facts);
        var rules = snapshot.RulesInForce(asOf);
        var (stale, now) = (!replica.IsLive(caller.MunicipalityCode), clock.GetUtcNow());
        var iv = snapshot.InForce(request.Intervention, asOf);
        var response = iv is not null
            ? CheckAnswers.Answer(snapshot.MunicipalityCode, iv, facts, asOf, rules, snapshot.Revision, stale, now)
            : NotOffered.Answer(snapshot, request.Intervention, asOf, rules, stale, now);
        Checks.Add(1, new KeyValuePair<string, object?>("kommun", caller.MunicipalityCode), new KeyValuePair<string, object?>("outcome", response.Outcome.ToString()));
        // Kept in the decision log: queued here, written by the log's writer; the check does not wait for it.
        var logged = log.AppendAsync(DecisionRecords.Of(caller.MunicipalityCode, response, facts, asOf, now), context.CancellationToken);
        // Over REST an answer equal to an earlier one but for its decision id is written from that one's JSON (over gRPC
        // from its protobuf, by the checks' marshaller: EligibilityBinding).
        if (iv is not null && ShapedAnswers.Applies(context))
        {
            response = ShapedAnswers.Answer(context, response, CheckShapes.Of(response).Json, response.DecisionId);
        }

        return logged.IsCompletedSuccessfully ? Task.FromResult(response) : AfterAsync(logged, response);

        static async Task<CheckEligibilityResponse> AfterAsync(ValueTask logged, CheckEligibilityResponse response)
        {
            await logged;
            return response;
        }
    }

    public override Task<ListQuestionsResponse> ListQuestions(ListQuestionsRequest request, ServerCallContext context)
    {
        var caller = context.Require(CheckScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        if (request.Intervention.Length > 0)
        {
            ResourceNames.ClaimIntervention(caller, request.Intervention);
        }

        var (snapshot, asOf, _) = Prepare(caller.MunicipalityCode, request.AsOf, null);
        if (request.Intervention.Length > 0 && !snapshot.Knows(request.Intervention))
        {
            throw Problems.NotFound("Insatsen");
        }

        // One shared answer per catalog version, day and insats; over REST its JSON is kept with it (PreparedAnswers).
        return Task.FromResult(PreparedAnswers.Answer(context, Questionnaire.Of(snapshot, request.Intervention, asOf, () => request.Intervention.Length == 0
            ? snapshot.ListInForce(asOf, Access.Direct)
            : snapshot.InForce(request.Intervention, asOf) is { } one ? [one] : [])));
    }

    public override Task<ListDirectInterventionsResponse> ListDirectInterventions(ListDirectInterventionsRequest request, ServerCallContext context)
    {
        var caller = context.Require(CheckScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var (snapshot, asOf, facts) = Prepare(caller.MunicipalityCode, request.AsOf, request.Facts);
        return Task.FromResult(DirectLists.Answer(snapshot, facts, asOf, !replica.IsLive(caller.MunicipalityCode)));
    }

    private (CatalogSnapshot Snapshot, DateOnly AsOf, PersonFacts Facts) Prepare(string code, Type.V1.Date? requestedAsOf, Facts? requestFacts)
    {
        var today = CivilDates.Today(clock);
        var asOf = requestedAsOf.ToDateOnly("as_of") ?? today;
        var snapshot = replica.Get(code) ?? throw Problems.CatalogNotReceived();
        // A day outside the kommun's catalog is no error: nothing is offered that day, as in the Catalog and
        // Documentation (one insats: NOT_FOUND; a list: empty). Only a malformed date is INVALID_ARGUMENT.
        var facts = FactsReader.Read(requestFacts, asOf, today);
        if (requestFacts is { Attested.Count: > 0 } && !Questionnaire.AllAsked(snapshot, asOf, requestFacts.Attested.Keys))
        {
            throw Problems.InvalidArgument("facts.attested", "En uppgift som ingen insats i kommunen frågar efter den dagen (se ListQuestions).");
        }

        return (snapshot, asOf, facts);
    }
}

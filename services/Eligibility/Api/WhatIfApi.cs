using Grpc.Core;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Application;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Eligibility.Api;

/// <summary>The gRPC face of what-if: checks the caller and the draft's shape, evaluates in the application layer.</summary>
public sealed class WhatIfApi(CatalogReplica.CatalogReplica replica, PastQuestions past, WhatIfGate gate, TimeProvider clock) : WhatIfService.WhatIfServiceBase
{
    /// <summary>Who drafts the catalog may see what a draft would do.</summary>
    public const string Scope = "catalog.write";

    /// <summary>A draft larger than any kommun's catalog is refused, not evaluated.</summary>
    public const int MaxDraft = 200;

    public override async Task<EvaluateDraftResponse> EvaluateDraft(EvaluateDraftRequest request, ServerCallContext context)
    {
        var caller = context.Require(Scope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var checks = new FieldChecks()
            .When(request.Put.Count == 0 && request.Remove.Count == 0, "put", "Ange minst en ändring (put eller remove).")
            .When(request.Put.Count + request.Remove.Count > MaxDraft, "put", $"Högst {MaxDraft} ändringar.");
        for (var i = 0; i < Math.Min(request.Put.Count, MaxDraft); i++)
        {
            ResourceNames.ClaimChild(caller, request.Put[i].Name, $"put[{i}].name", "interventions", ResourceNames.AnyId(), checks);
            checks.When(request.Put[i].Access == Access.Unspecified, $"put[{i}].access", "Fältet krävs.");
        }

        for (var i = 0; i < Math.Min(request.Remove.Count, MaxDraft); i++)
        {
            ResourceNames.ClaimChild(caller, request.Remove[i], $"remove[{i}]", "interventions", ResourceNames.AnyId(), checks);
        }

        var (pastFrom, pastTo) = (request.PastFrom.ToDateOnly("past_from"), request.PastTo.ToDateOnly("past_to"));
        checks.When(pastFrom.HasValue != pastTo.HasValue, pastFrom.HasValue ? "past_to" : "past_from", "Ange både past_from och past_to, eller ingen av dem.")
            .When(pastFrom > pastTo, "past_to", "Perioden slutar före sin början.");
        checks.ThrowIfAny();
        var asOf = request.AsOf.ToDateOnly("as_of") ?? CivilDates.Today(clock);
        var snapshot = replica.Get(caller.MunicipalityCode) ?? throw Problems.CatalogNotReceived();
        var name = snapshot.RulesInForce(asOf)?.MunicipalityDisplayName ?? "";
        var remove = request.Remove.ToHashSet(StringComparer.Ordinal);

        // The draft's size bounds its work and memory: refused before it takes a place, naming the limit.
        var facts = DraftEvaluation.AttestedFacts(snapshot, asOf, request.Put, remove, name).Count;
        var touched = DraftEvaluation.Sides(snapshot, asOf, request.Put, remove).Count;
        new FieldChecks()
            .When(facts > DraftEvaluation.MaxAttestedFacts, "put", $"Utkastet läser {facts} olika intygade uppgifter; högst {DraftEvaluation.MaxAttestedFacts} i en konsekvensanalys.")
            .When(facts <= DraftEvaluation.MaxAttestedFacts && DraftEvaluation.Evaluations(facts, touched) > DraftEvaluation.MaxEvaluations, "put",
                $"Utkastet ger för stor analys ({touched} insatser × {ProfileGrid.Size(facts)} profiler; högst {DraftEvaluation.MaxEvaluations} bedömningar). Dela upp ändringarna.")
            .ThrowIfAny();

        // A place on this replica, fair between kommuner: one per kommun, waiting a while for another kommun's to end.
        using var place = await gate.EnterAsync(caller.MunicipalityCode, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.ResourceExhausted, "En konsekvensanalys för kommunen pågår redan, eller replikan är upptagen; försök igen om en stund."));
        var response = DraftEvaluation.Evaluate(snapshot, asOf, request.Put, remove, name, context.CancellationToken);
        if (pastFrom is { } first && pastTo is { } last)
        {
            response.Past = await past.EvaluateAsync(snapshot, asOf, request.Put, remove, CivilDates.StartOf(first), CivilDates.StartOf(last.AddDays(1)), name, context.CancellationToken);
        }

        return response;
    }
}

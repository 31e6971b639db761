using Grpc.Core;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Application;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;

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
        // One what-if at a time per replica (it takes half the cores for about a second): another is told to wait.
        if (!gate.Running.Wait(0, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "En annan konsekvensanalys pågår; försök igen om en stund."));
        }

        try
        {
            var remove = request.Remove.ToHashSet(StringComparer.Ordinal);
            var response = DraftEvaluation.Evaluate(snapshot, asOf, request.Put, remove, name);
            if (pastFrom is { } first && pastTo is { } last)
            {
                response.Past = await past.EvaluateAsync(snapshot, asOf, request.Put, remove, CivilDates.StartOf(first), CivilDates.StartOf(last.AddDays(1)), name, context.CancellationToken);
            }

            return response;
        }
        finally
        {
            gate.Running.Release();
        }
    }
}

using System.Runtime.CompilerServices;
using Grpc.Core;
using Socialtjanst.Catalog.V1;
using Socialtjanst.CatalogReplica;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Eligibility.Api;

/// <summary>The gRPC (and REST) face of Eligibility: reads the request, asks the evaluator, maps the answer.</summary>
public sealed class EligibilityApi(CatalogReplica.CatalogReplica replica, TimeProvider clock) : EligibilityService.EligibilityServiceBase
{
    public const string CheckScope = "eligibility.check";

    // Counts answers by kommun and outcome: activity-level figures for ops, nothing about a person.
    private static readonly System.Diagnostics.Metrics.Meter Meter = new(Telemetry.SourceName("Eligibility"));
    private static readonly System.Diagnostics.Metrics.Counter<long> Checks = Meter.CreateCounter<long>("eligibility.checks", description: "Eligibility answers by kommun and outcome");

    public override Task<CheckEligibilityResponse> CheckEligibility(CheckEligibilityRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.Require(CheckScope);
        var rest = MunicipalityCodes.ClaimName(caller, request.Intervention, "intervention");
        if (!rest.StartsWith("interventions/", StringComparison.Ordinal) || rest.Length == "interventions/".Length || rest.IndexOf('/', "interventions/".Length) >= 0)
        {
            throw Problems.InvalidArgument("intervention", "Namnet ska vara municipalities/{kommunkod}/interventions/{id}.");
        }

        var (snapshot, asOf, facts) = Prepare(caller.MunicipalityCode, request.AsOf, request.Facts);
        var iv = snapshot.InForce(request.Intervention, asOf) ?? throw Problems.NotFound("Insatsen den dagen");
        var rules = snapshot.RulesInForce(asOf);
        var decision = EligibilityEvaluator.Evaluate(iv, facts, asOf, rules?.MunicipalityDisplayName ?? "");

        var response = new CheckEligibilityResponse
        {
            Intervention = iv.Name,
            InterventionDisplayName = iv.DisplayName,
            Outcome = decision.Outcome,
            Explanation = decision.Explanation,
            Information = Information(rules, asOf),
            CatalogRevision = snapshot.Revision,
            DecisionId = DecisionIds.Next(),
            AsOf = Type.V1.Date.From(asOf),
            CatalogMayBeStale = !replica.IsLive(caller.MunicipalityCode),
        };
        Checks.Add(1, new KeyValuePair<string, object?>("kommun", caller.MunicipalityCode), new KeyValuePair<string, object?>("outcome", decision.Outcome.ToString()));
        response.MissingFacts.AddRange(decision.MissingFacts);
        foreach (var c in decision.Conditions)
        {
            response.Conditions.Add(decision.AffectsOutcome(c) ? ResultOf(c) : Moot(c));
        }

        return Task.FromResult(response);
    }

    public override Task<ListDirectInterventionsResponse> ListDirectInterventions(ListDirectInterventionsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.Require(CheckScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var (snapshot, asOf, facts) = Prepare(caller.MunicipalityCode, request.AsOf, request.Facts);
        var rules = snapshot.RulesInForce(asOf);
        var response = new ListDirectInterventionsResponse
        {
            Information = Information(rules, asOf),
            CatalogRevision = snapshot.Revision,
            AsOf = Type.V1.Date.From(asOf),
            CatalogMayBeStale = !replica.IsLive(caller.MunicipalityCode),
        };
        foreach (var iv in snapshot.ListInForce(asOf, Access.Direct))
        {
            var decision = EligibilityEvaluator.Evaluate(iv, facts, asOf, rules?.MunicipalityDisplayName ?? "");
            var summary = new InterventionSummary { Intervention = iv.Name, DisplayName = iv.DisplayName, Outcome = decision.Outcome };
            summary.MissingFacts.AddRange(decision.MissingFacts);
            if (decision.Outcome == Outcome.Eligible)
            {
                response.Eligible.Add(summary);
            }
            else if (decision.Outcome == Outcome.Undetermined)
            {
                response.Possible.Add(summary);
            }
        }

        return Task.FromResult(response);
    }

    private (CatalogSnapshot Snapshot, DateOnly AsOf, PersonFacts Facts) Prepare(string code, Type.V1.Date? requestedAsOf, Facts? requestFacts)
    {
        var today = CivilDates.Today(clock);
        var asOf = requestedAsOf.ToDateOnly("as_of") ?? today;
        var snapshot = replica.Get(code) ?? throw new RpcException(new Status(StatusCode.Unavailable, "Kommunens katalog har ännu inte tagits emot."));
        // A day outside the kommun's catalog is no error: nothing is offered that day, as in the Catalog and
        // Documentation (one insats: NOT_FOUND; a list: empty). Only a malformed date is INVALID_ARGUMENT.
        return (snapshot, asOf, FactsReader.Read(requestFacts, asOf, today));
    }

    // Answers share the messages that only depend on the catalog version; they are never changed
    // after they are made, so concurrent answers can serialize them safely.
    private static readonly ConditionalWeakTable<ConditionOutcome, ConditionResult> Results = new();
    private static readonly ConditionalWeakTable<MunicipalityRules, InformationDuty[]> Informations = new();
    private static readonly InformationDuty[] Fallback = InformationFor(null);

    private static ConditionResult ResultOf(ConditionOutcome c) =>
        c.Status == ConditionStatus.Unknown ? Build(c) // carries the facts that are missing this time
        : Results.TryGetValue(c, out var cached) ? cached : Results.GetValue(c, Build);

    private static ConditionResult Build(ConditionOutcome c)
    {
        var result = new ConditionResult { Description = c.Description, Status = c.Status, Explanation = c.Explanation, Source = c.Source, AffectsOutcome = true };
        result.MissingFacts.AddRange(c.MissingFacts);
        return result;
    }

    /// <summary>An unknown condition that cannot change a "not eligible": said so, and no fact asked for.</summary>
    private static ConditionResult Moot(ConditionOutcome c) =>
        new() { Description = c.Description, Status = c.Status, Explanation = c.Explanation + " Det påverkar inte svaret, eftersom ett annat villkor inte är uppfyllt.", Source = c.Source, AffectsOutcome = false };

    private static InformationDuty Information(MunicipalityRules? rules, DateOnly asOf)
    {
        var pair = rules is null ? Fallback : Informations.TryGetValue(rules, out var cached) ? cached : Informations.GetValue(rules, InformationFor);
        return pair[asOf >= Law.Statute.NewActInForce ? 0 : 1];
    }

    private static InformationDuty[] InformationFor(MunicipalityRules? rules)
    {
        var text = rules?.InformationText ?? "Du har alltid rätt att ansöka om insatser hos socialnämnden.";
        // The old act had no information duty of its own: the text is about the right to apply, so it cites that paragraph.
        return
        [
            new InformationDuty { Text = text, Paragraph = Law.Statute.CitationOn(Law.Rule.InformationDuty, Law.Statute.NewActInForce) },
            new InformationDuty { Text = text, Paragraph = Law.Statute.CitationOn(Law.Rule.RightToApply, Law.Statute.NewActInForce.AddDays(-1)) },
        ];
    }
}

/// <summary>
/// Decision ids: unique, not secret. A random prefix per process and a counter, so an id costs no
/// call to the operating system's random source.
/// </summary>
internal static class DecisionIds
{
    private static readonly string Prefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long counter;

    public static string Next() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}-{Interlocked.Increment(ref counter):x}");
}

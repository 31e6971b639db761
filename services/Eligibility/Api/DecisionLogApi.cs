using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Socialtjanst.Audit;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Eligibility.Api;

/// <summary>The gRPC (and REST) face of the decision log: one answer by its name, in the caller's kommun, each lookup in the access log.</summary>
public sealed class DecisionLogApi(Application.ReadYourWrite decisions) : DecisionLogService.DecisionLogServiceBase
{
    /// <summary>Who may read what the suite answered residents.</summary>
    public const string Scope = "decisions.read";

    public override async Task<GetLoggedDecisionResponse> GetLoggedDecision(GetLoggedDecisionRequest request, ServerCallContext context)
    {
        var caller = context.Require(Scope);
        var id = ResourceNames.ClaimChild(caller, request.Name, "name", "decisions", DecisionIds.Shape());
        if (!DecisionIds.IsPossible(id))
        {
            throw Problems.InvalidArgument("name", "Svarets id anger en tidpunkt som inte finns.");
        }

        context.Audit(request.Name);
        var decision = await decisions.FindAsync(caller.MunicipalityCode, id, context.CancellationToken);
        return new GetLoggedDecisionResponse { Decision = Map(decision) };
    }

    private static LoggedDecision Map(DecisionLogEntry d)
    {
        var answer = new LoggedDecision
        {
            Name = $"municipalities/{d.MunicipalityCode}/decisions/{d.DecisionId}",
            DecisionId = d.DecisionId,
            DecideTime = Timestamp.FromDateTimeOffset(d.DecidedAt),
            AsOf = d.AsOf.ToProto(),
            Intervention = $"municipalities/{d.MunicipalityCode}/interventions/{d.InterventionId}",
            CatalogRevision = d.CatalogRevision,
            Outcome = d.Outcome,
            Facts = Shown(d.Facts),
        };
        answer.Conditions.AddRange(d.Conditions.Select(c => new LoggedCondition { Description = c.Description, Status = c.Status, Source = c.Source, AffectsOutcome = c.AffectsOutcome }));
        return answer;
    }

    /// <summary>What the log shows of the facts asked about (internal: FactPathTests walks every fact through it).</summary>
    internal static LoggedFacts Shown(FactProfile f)
    {
        var facts = new LoggedFacts
        {
            Age = Band(f.Age),
            ChildAge = Band(f.ChildAge),
        };
        if (f.RegisteredMunicipality is { } registered)
        {
            facts.RegisteredMunicipalityCode = registered;
        }

        if (f.SchoolMunicipality is { } school)
        {
            facts.SchoolMunicipalityCode = school;
        }

        if (f.ChildRegisteredMunicipality is { } childRegistered)
        {
            facts.ChildRegisteredMunicipalityCode = childRegistered;
        }

        if (f.ChildSchoolMunicipality is { } childSchool)
        {
            facts.ChildSchoolMunicipalityCode = childSchool;
        }

        if (f.GuardianConsent is { } consent)
        {
            facts.GuardianConsent = consent;
        }

        if (f.GuardianInformed is { } informed)
        {
            facts.GuardianInformed = informed;
        }

        facts.AttestedFacts.AddRange(f.Attested);
        facts.DeniedFacts.AddRange(f.Denied);
        facts.UncertainAttestedFacts.AddRange(f.UncertainAttested);
        facts.UncertainFacts.AddRange(f.Uncertain);
        return facts;
    }

    private static LoggedAgeBand? Band(Domain.AgeBand? band) => band is null ? null : new LoggedAgeBand { From = band.From, To = band.To };
}

using System.Text;
using System.Text.RegularExpressions;
using Grpc.Core;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.Domain;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Documentation.Api;

/// <summary>The gRPC face of Documentation. The note's text is read, scanned and returned redacted; it is never logged.</summary>
public sealed partial class DocumentationApi(CatalogReplica.CatalogReplica catalog, TimeProvider clock) : DocumentationService.DocumentationServiceBase
{
    public const string Scope = "documentation.use";
    public const int MaxText = 20_000;
    public const int MaxFields = 50;
    public const string Redaction = "[borttaget]";

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex FieldNamePattern();

    public override Task<GetRecordingPolicyResponse> GetRecordingPolicy(GetRecordingPolicyRequest request, ServerCallContext context)
    {
        var (iv, revision) = Intervention(context, request.Intervention, request.AsOf);
        var response = new GetRecordingPolicyResponse { Intervention = iv.Name, CatalogRevision = revision };
        response.Policies.AddRange(RecordingPolicy.For(iv));
        return Task.FromResult(response);
    }

    public override Task<ReviewRecordResponse> ReviewRecord(ReviewRecordRequest request, ServerCallContext context)
    {
        var problems = new List<FieldProblem>();
        if (request.Text.Length > MaxText || (request.Text.Length == 0 && request.Fields.Count == 0))
        {
            problems.Add(new FieldProblem("text", $"Anteckningen ska vara 1–{MaxText} tecken."));
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
        var policies = RecordingPolicy.For(iv);
        var identityForbidden = RecordingPolicy.Of(policies, DataCategory.Identity) == Requirement.Forbidden;
        var basis = policies.First(p => p.Category == DataCategory.Identity).Basis;
        var today = CivilDates.Today(clock);
        var response = new ReviewRecordResponse { CatalogRevision = revision };
        response.RedactedText = Review(request.Text, "text", today, identityForbidden, basis, response);
        for (var i = 0; i < request.Fields.Count; i++)
        {
            response.RedactedFields.Add(new RecordField
            {
                Name = request.Fields[i].Name,
                Value = Review(request.Fields[i].Value, $"fields[{i}].value", today, identityForbidden, basis, response),
            });
        }

        var violations = response.Findings.Any(f => f.Violation);
        response.Accepted = !violations || request.OnViolation == FindingAction.Redact;
        return Task.FromResult(response);
    }

    private static string Review(string text, string field, DateOnly today, bool forbidden, string basis, ReviewRecordResponse response)
    {
        var detections = IdentifierScanner.Scan(text, today);
        if (detections.Count == 0)
        {
            return text;
        }

        var redacted = new StringBuilder(text.Length);
        var at = 0;
        foreach (var d in detections)
        {
            response.Findings.Add(new V1.Finding
            {
                Field = field,
                Category = DataCategory.Identity,
                Detector = d.Detector,
                Start = d.Start,
                Length = d.Length,
                Violation = forbidden,
                Rule = forbidden ? $"{basis}: uppgifter som kan röja identiteten dokumenteras inte i denna insats" : "",
            });
            if (forbidden)
            {
                redacted.Append(text, at, d.Start - at).Append(Redaction);
                at = d.Start + d.Length;
            }
        }

        return redacted.Append(text, at, text.Length - at).ToString();
    }

    private (Intervention Intervention, long Revision) Intervention(ServerCallContext context, string name, Type.V1.Date? asOf)
    {
        var caller = context.GetCaller();
        caller.Require(Scope);
        var rest = MunicipalityCodes.ClaimName(caller, name, "intervention");
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

using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.Domain;
using Socialtjanst.Documentation.V1;

namespace Socialtjanst.Documentation.Application;

/// <summary>
/// A record reviewed against the insats' policy on a day (14 kap. 5 § SoL): each identifier found in
/// the text and in every field, whether it breaks the policy, and the redacted copies (not in REPORT mode).
/// </summary>
public static class RecordReviews
{
    public static ReviewRecordResponse Review(ReviewRecordRequest request, Intervention iv, long revision, DateOnly day, DateOnly today)
    {
        var policies = RecordingPolicy.For(iv, day);
        var identityForbidden = RecordingPolicy.Of(policies, DataCategory.Identity) == Requirement.Forbidden;
        var basis = policies.First(p => p.Category == DataCategory.Identity).Basis;
        var report = request.OnViolation == FindingAction.Report;
        var response = new ReviewRecordResponse { CatalogRevision = revision };
        var text = NoteReview.Review("text", request.Text, today, identityForbidden);
        Add(response, text, basis);
        response.RedactedText = report ? "" : text.Redacted;
        for (var i = 0; i < request.Fields.Count; i++)
        {
            var field = NoteReview.Review($"fields[{i}].value", request.Fields[i].Value, today, identityForbidden, request.Fields[i].Name);
            Add(response, field, basis);
            if (!report)
            {
                response.RedactedFields.Add(new RecordField { Name = request.Fields[i].Name, Value = field.Redacted });
            }
        }

        response.Compliant = !response.Findings.Any(f => f.Violation);
        response.Accepted = response.Compliant || request.OnViolation is FindingAction.Redact or FindingAction.Report;
        return response;
    }

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

    // The contract names each kind as the scanner does: a new detector's kind maps without a line here
    // (and a kind the contract lacks fails at the first review, in every test run).
    private static readonly Dictionary<NoteScanning.IdentifierKind, V1.IdentifierKind> Kinds =
        NoteScanning.IdentifierKind.All.ToDictionary(k => k, k => Enum.Parse<V1.IdentifierKind>(k.ContractName));

    private static V1.IdentifierKind KindOf(NoteScanning.IdentifierKind kind) => Kinds[kind];
}

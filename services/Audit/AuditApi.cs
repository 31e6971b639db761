using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Socialtjanst.Audit.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;

namespace Socialtjanst.Audit;

/// <summary>The access log for a kommun's auditors: their own kommun's events only.</summary>
public sealed class AuditApi(AuditStore store, SubjectPseudonyms pseudonyms, PageTokens pages, TimeProvider clock) : AuditService.AuditServiceBase
{
    public const string ReadScope = "audit.read";

    public override async Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.Require(ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var checks = new FieldChecks();
        var to = request.To is null ? clock.GetUtcNow() : ToTime(request.To, "to", checks);
        var from = request.From is null ? default : ToTime(request.From, "from", checks);
        checks.Required(request.From, "from")
            .When(request.From is not null && checks.Count == 0 && from >= to, "from", "Ska ligga före to.")
            .When(request.Subject.Length > 200, "subject", "Högst 200 tecken.")
            .When(request.Resource.Length > 300, "resource", "Högst 300 tecken.")
            .ThrowIfAny();

        // The token is bound to the kommun and the whole query (from, to, subject, resource).
        var paging = pages.Open(request.PageToken, request.PageSize, caller.MunicipalityCode,
            PageTokens.Query(from.UtcTicks, request.To is null ? "" : to.UtcTicks, request.Subject, request.Resource), 1, 100, 1000);
        long? before = paging.After is [var cursor] && long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var size = paging.Size;
        var rows = await store.ListAsync(new AuditQuery(caller.MunicipalityCode, from, to,
            request.Subject.Length > 0 ? (request.Subject.StartsWith("ps:", StringComparison.Ordinal) ? request.Subject : pseudonyms.Of(caller.MunicipalityCode, request.Subject)) : null,
            request.Resource.Length > 0 ? request.Resource : null,
            before, size + 1), context.CancellationToken);
        var response = new ListAuditEventsResponse();
        response.Events.AddRange(rows.Take(size).Select(r => new AuditEvent
        {
            Time = Timestamp.FromDateTimeOffset(r.OccurredAt),
            Subject = r.Subject,
            Municipality = "municipalities/" + r.MunicipalityCode,
            Unit = r.Unit,
            Service = r.Service,
            Method = r.Method,
            Resource = r.Resource,
            Outcome = r.Outcome,
            Reference = r.Reference,
        }));
        response.NextPageToken = paging.NextToken(rows.Count > size ? [rows[size - 1].Id.ToString(CultureInfo.InvariantCulture)] : null);

        return response;
    }

    private static DateTimeOffset ToTime(Timestamp timestamp, string field, FieldChecks checks)
    {
        // Timestamp's own range: 0001-01-01 to 9999-12-31, nanos 0..999,999,999.
        if (timestamp.Seconds is < -62135596800 or > 253402300799 || timestamp.Nanos is < 0 or > 999_999_999)
        {
            checks.Add(field, "Tidpunkten ligger utanför det giltiga intervallet.");
            return default;
        }

        return timestamp.ToDateTimeOffset();
    }
}

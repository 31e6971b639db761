using System.Text.RegularExpressions;
using Socialtjanst.Errors;
using Socialtjanst.FollowUp.Domain;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;
using Socialtjanst.Type.V1;

namespace Socialtjanst.FollowUp.Api;

/// <summary>The shape of FollowUp's requests, every offending field named and no value repeated.</summary>
public sealed partial class FollowUpRequests(CaseReferences caseReferences, TimeProvider clock)
{
    public const int MaxBatch = 1000;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex DecisionIdPattern();

    public void Check(Caller caller, RegisterDecisionRequest request)
    {
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var checks = new FieldChecks().RequestId(request.RequestId);
        Registration(caller, request.Decision, "decision.", checks);
        checks.ThrowIfAny();
    }

    public void Check(Caller caller, BatchRegisterDecisionsRequest request)
    {
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var checks = new FieldChecks().RequestId(request.RequestId)
            .When(request.Requests.Count is 0 or > MaxBatch, "requests", $"1–{MaxBatch} registreringar.");
        for (var i = 0; i < request.Requests.Count && checks.Count < 100; i++)
        {
            var item = request.Requests[i];
            checks.When(item.Parent.Length > 0 && item.Parent != request.Parent, $"requests[{i}].parent", "Ska vara tom eller samma som batchens.");
            Registration(caller, item.Decision, $"requests[{i}].decision.", checks);
        }

        checks.ThrowIfAny();
    }

    /// <summary>The decision id of municipalities/{kommunkod}/decisions/{id}.</summary>
    public static string DecisionId(Caller caller, string name) =>
        ResourceNames.ClaimChild(caller, name, "name", "decisions", DecisionIdPattern());

    public static void Check(RecordEventRequest request) =>
        new FieldChecks().RequestId(request.RequestId).When(request.Etag.Length == 0, "etag", "Etag krävs.").ThrowIfAny();

    /// <summary>
    /// The day a delay list is answered for: the day after a quarter's last day (so that day counts)
    /// for the IVO report of a quarter, else as_of or today. Returns it with the day to show.
    /// </summary>
    public (DateOnly AsOf, DateOnly Shown) DelayDay(int quarter, Type.V1.Date? asOf)
    {
        if (quarter == 0)
        {
            var day = asOf.ToDateOnly("as_of") ?? CivilDates.Today(clock);
            return (day, day);
        }

        var (year, q) = (quarter / 10, quarter % 10);
        if (year is < 2000 or > CivilDates.MaxYear || q is < 1 or > 4)
        {
            throw Problems.InvalidArgument("quarter", "Ange år och kvartal, t.ex. 20253.");
        }

        var after = new DateOnly(year, q * 3, 1).AddMonths(1);
        return (after, after.AddDays(-1));
    }

    private void Registration(Caller caller, V1.Decision? d, string prefix, FieldChecks checks)
    {
        if (d is null)
        {
            checks.Add(prefix.TrimEnd('.'), "Fältet krävs.");
            return;
        }

        var today = CivilDates.Today(clock);
        if (caseReferences.Refusal(caller.MunicipalityCode, d.CaseReference, today) is { } why)
        {
            checks.Add(prefix + "case_reference", why);
        }

        ResourceNames.ClaimChild(caller, d.Intervention, prefix + "intervention", "interventions", ResourceNames.AnyId(), checks);
        var decided = checks.Try(() => d.DecisionDate.ToDateOnly(prefix + "decision_date"));
        checks.When(d.DecisionDate is null, prefix + "decision_date", "Fältet krävs.")
            .When(decided > today, prefix + "decision_date", "Beslutsdatum kan inte ligga i framtiden.");
    }
}

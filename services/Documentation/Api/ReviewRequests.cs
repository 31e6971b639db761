using System.Text.RegularExpressions;
using Socialtjanst.Documentation.Domain;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Errors;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Documentation.Api;

/// <summary>The shape of the Documentation service's write requests, every offending field named.</summary>
public static partial class ReviewRequests
{
    public const int MaxText = 20_000;
    public const int MaxFields = 50;
    public const int MaxFieldValue = 4000;

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex FieldNamePattern();

    public static void Check(ReviewRecordRequest request)
    {
        var checks = new FieldChecks()
            .When(request.Text.Length > MaxText || (request.Text.Length == 0 && request.Fields.Count == 0), "text", $"Anteckningen ska vara 1–{MaxText} tecken.")
            .When(NoteReview.IsMalformed(request.Text), "text", "Texten är inte giltig UTF-8.")
            .When(request.Fields.Count > MaxFields, "fields", $"Högst {MaxFields} fält.");
        for (var i = 0; i < request.Fields.Count && i < MaxFields; i++)
        {
            var value = request.Fields[i].Value;
            checks.When(!FieldNamePattern().IsMatch(request.Fields[i].Name), $"fields[{i}].name", "1–64 tecken: gemener, siffror, _ och -.")
                .When(value.Length > MaxFieldValue, $"fields[{i}].value", $"Högst {MaxFieldValue} tecken.")
                .When(value.Length <= MaxFieldValue && NoteReview.IsMalformed(value), $"fields[{i}].value", "Texten är inte giltig UTF-8.");
        }

        checks.Known(request.OnViolation, "on_violation").ThrowIfAny();
    }

    /// <summary>The participation's day, once every field of it is checked.</summary>
    public static DateOnly Check(RecordParticipationRequest request, DateOnly today)
    {
        var p = request.Participation ?? throw Problems.InvalidArgument("participation", "Fältet krävs.");
        var checks = new FieldChecks()
            .RequestId(request.RequestId)
            .Known(p.AgeBand, "participation.age_band", allowUnspecified: false)
            .Known(p.Gender, "participation.gender", allowUnspecified: false)
            .When(p.WellbeingStart is < 1 or > 5, "participation.wellbeing_start", "Skalan är 1–5.")
            .When(p.WellbeingEnd is < 0 or > 5, "participation.wellbeing_end", "Skalan är 1–5 (0 när den inte är avslutad).")
            .Known(p.EarlyEndReason, "participation.early_end_reason");
        var day = checks.Try(() => p.Date.ToDateOnly("participation.date"));
        checks.When(p.Date is null || day > today, "participation.date", "Ett datum som inte ligger i framtiden krävs.").ThrowIfAny();
        return day!.Value;
    }
}

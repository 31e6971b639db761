using System.Reflection;
using Google.Protobuf.Reflection;
using Socialtjanst.Documentation.Domain;
using Socialtjanst.Documentation.Storage;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Documentation.Application;

/// <summary>
/// Activity-level statistics of an insats over a period: counts by age band, gender and reason for an
/// early end, and mean wellbeing, every cell below the threshold suppressed (no person can be singled out).
/// </summary>
public sealed class ActivityReports(ParticipationStore store, ReportOptions options)
{
    public async Task<GetActivityReportResponse> ReportAsync(string code, string interventionId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await store.PeriodAsync(code, interventionId, from.ToIso(), to.ToIso(), ct);
        var t = options.SuppressionThreshold;
        var response = new GetActivityReportResponse
        {
            ByAgeBand = Table(Enum.GetValues<AgeBand>().Where(a => a != AgeBand.Unspecified).Select(a => (Key(a), rows.Count(r => r.AgeBand == (long)a))).ToList(), t),
            ByGender = Table(Enum.GetValues<Gender>().Where(g => g != Gender.Unspecified).Select(g => (Key(g), rows.Count(r => r.Gender == (long)g))).ToList(), t),
            EarlyEnds = Table(Enum.GetValues<EarlyEndReason>().Where(e => e != EarlyEndReason.Unspecified).Select(e => (Key(e), rows.Count(r => r.EarlyEndReason == (long)e))).ToList(), t),
            Threshold = t,
        };
        if (rows.Count >= t)
        {
            response.MeanWellbeingStart = Math.Round(rows.Average(r => r.WellbeingStart), 1);
        }

        var ended = rows.Where(r => r.WellbeingEnd > 0).ToList();
        if (ended.Count >= t)
        {
            response.MeanWellbeingEnd = Math.Round(ended.Average(r => r.WellbeingEnd), 1);
        }

        return response;
    }

    /// <summary>A cell's key as the contract documents it: the enum value's name in the proto ("AGE_BAND_13_17").</summary>
    public static string Key<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name
        ?? throw new ArgumentOutOfRangeException(nameof(value));

    private static ReportTable Table(IReadOnlyList<(string Key, int Count)> cells, int threshold)
    {
        var suppressed = Suppression.Apply(cells, threshold);
        var table = new ReportTable();
        if (suppressed.Total is { } total)
        {
            table.Total = total;
        }

        foreach (var (key, count) in suppressed.Cells)
        {
            var cell = new ReportCell { Key = key };
            if (count is { } c)
            {
                cell.Count = c;
            }

            table.Cells.Add(cell);
        }

        return table;
    }
}

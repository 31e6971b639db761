using Socialtjanst.Eligibility.Domain;

namespace Socialtjanst.Eligibility.Storage;

/// <summary>The results of an answer's conditions as kept beside its set: per condition the status number and + or - (affects the outcome).</summary>
internal static class ConditionResults
{
    public static string Encode(IReadOnlyList<ConditionRecord> conditions) =>
        string.Create(conditions.Count * 2, conditions, (span, list) =>
        {
            for (var i = 0; i < list.Count; i++)
            {
                span[2 * i] = (char)('0' + (int)list[i].Status);
                span[(2 * i) + 1] = list[i].AffectsOutcome ? '+' : '-';
            }
        });

    public static ConditionRecord[] Decode(string results, ConditionRecord[] set) =>
        [.. set.Select((c, i) => c with
        {
            Status = (V1.ConditionStatus)(results[2 * i] - '0'),
            AffectsOutcome = results[(2 * i) + 1] == '+',
        })];
}

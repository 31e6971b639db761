using System.Runtime.CompilerServices;
using Socialtjanst.FollowUp.Domain;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Law;
using Socialtjanst.Type.V1;

namespace Socialtjanst.FollowUp.Application;

/// <summary>
/// Decisions not executed within the limit and interruptions not resumed within it, as of a day:
/// what the kommun reports to IVO (16 kap. 6 f § SoL (2001:453); its place in SoL (2025:400) by the
/// deadline's date). Read from the database in pages of decisions, so a kommun of any size is answered
/// in bounded memory: a page of the list keeps only the page's delays, an export streams batches.
/// </summary>
public sealed class ExecutionDelays(FollowUpStore store, Decisions decisions)
{
    private const int ReadBatch = 1000;

    /// <summary>The delays after <paramref name="after"/> in deadline order, at most <paramref name="size"/>, and the key to continue from.</summary>
    public async Task<(List<ExecutionDelay> Page, DelayKey? Next)> PageAsync(string code, DateOnly asOf, DelayKey? after, int size, CancellationToken ct)
    {
        // The size + 1 smallest keys after the cursor: a max-heap that drops its largest.
        var heap = new PriorityQueue<(ExecutionDelay Delay, DelayKey Key), DelayKey>(Comparer<DelayKey>.Create((a, b) => b.CompareTo(a)));
        await foreach (var batch in BatchesAsync(code, asOf, ct))
        {
            foreach (var item in batch)
            {
                if (after is null || item.Key.CompareTo(after) > 0)
                {
                    heap.Enqueue(item, item.Key);
                    if (heap.Count > size + 1)
                    {
                        heap.Dequeue();
                    }
                }
            }
        }

        var sorted = heap.UnorderedItems.Select(x => x.Element).OrderBy(x => x.Key).ToList();
        var page = sorted.Take(size).ToList();
        return (page.Select(x => x.Delay).ToList(), sorted.Count > size ? page[^1].Key : null);
    }

    /// <summary>Every delay, in batches that follow the decisions' ids.</summary>
    public async IAsyncEnumerable<List<ExecutionDelay>> ExportAsync(string code, DateOnly asOf, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in BatchesAsync(code, asOf, ct))
        {
            if (batch.Count > 0)
            {
                yield return batch.Select(x => x.Delay).ToList();
            }
        }
    }

    private async IAsyncEnumerable<List<(ExecutionDelay Delay, DelayKey Key)>> BatchesAsync(string code, DateOnly asOf, [EnumeratorCancellation] CancellationToken ct)
    {
        var rules = decisions.RulesOf(code);
        var afterId = "";
        while (true)
        {
            var rows = await store.DelayCandidatesAsync(code, asOf.ToIso(), afterId, ReadBatch, ct);
            var batch = new List<(ExecutionDelay, DelayKey)>();
            foreach (var row in rows)
            {
                batch.AddRange(Of(Decisions.FromRow(code, row), rules, asOf));
            }

            yield return batch;
            if (rows.Count < ReadBatch)
            {
                yield break;
            }

            afterId = rows[^1].DecisionId;
        }
    }

    private static IEnumerable<(ExecutionDelay, DelayKey)> Of(V1.Decision decision, List<FollowUpRules> rules, DateOnly asOf)
    {
        var domain = Decisions.ToDomain(decision);
        if (Schedule.NotExecutedInTime(domain, rules, asOf))
        {
            var deadline = Schedule.ExecutionDeadline(domain, rules)!.Value;
            yield return (Delay(decision, deadline, false, domain.ExecutionStarted, Statute.CitationOn(Rule.ExecutionDelay, deadline)), new DelayKey(deadline, decision.Name, false));
        }

        foreach (var i in Schedule.InterruptedTooLong(domain, rules, asOf))
        {
            var limit = rules.First(r => r.InForce(i.From)).ExecutionLimitMonths;
            var deadline = Schedule.AddMonths(i.From, limit);
            yield return (Delay(decision, deadline, true, i.ResumedOn, Statute.CitationOn(Rule.InterruptedExecution, deadline)), new DelayKey(deadline, decision.Name, true));
        }
    }

    private static ExecutionDelay Delay(V1.Decision d, DateOnly deadline, bool interruption, DateOnly? executed, string paragraph) => new()
    {
        Decision = d.Name,
        CaseReference = d.CaseReference,
        Intervention = d.Intervention,
        DecisionDate = d.DecisionDate,
        Deadline = Type.V1.Date.From(deadline),
        Interruption = interruption,
        ExecutedOn = executed is { } e ? Type.V1.Date.From(e) : null,
        Paragraph = paragraph,
    };
}

using Socialtjanst.FollowUp.Domain;
using Socialtjanst.FollowUp.Storage;

namespace Socialtjanst.FollowUp.Application;

/// <summary>
/// The migration aid for references stored before case references were checked as they are now:
/// which of a kommun's decisions hold a reference that would be refused today, and why. Names the
/// decisions, never the references (they may be a personnummer or a name).
/// </summary>
public sealed class StoredCaseReferences(FollowUpStore store, CaseReferences references)
{
    public async Task<List<(string Decision, string Why)>> RefusedAsync(string code, DateOnly today, CancellationToken ct)
    {
        var refused = new List<(string, string)>();
        var after = "";
        while (true)
        {
            var page = await store.CaseReferencesAsync(code, after, 1000, ct);
            foreach (var (id, reference) in page)
            {
                if (references.Refusal(code, reference, today) is { } why)
                {
                    refused.Add(($"municipalities/{code}/decisions/{id}", why));
                }
            }

            if (page.Count < 1000)
            {
                return refused;
            }

            after = page[^1].DecisionId;
        }
    }
}

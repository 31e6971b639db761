using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.Storage;
using Socialtjanst.Errors;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// An answer's id can be looked up as soon as the answer is given (issue 31): the decision log writes every
/// WriteInterval, so an id of the last moments may not be written yet. A lookup that finds nothing waits, on the
/// replica that may hold the answer, for its queue to be written, and looks again; an id that is still missing but
/// young enough to be on its way (given within <see cref="Window"/>) is answered UNAVAILABLE, "not yet written, try
/// again", not NOT_FOUND. Which answer it gets depends on the id's time alone, never on whether anyone has it, so it
/// tells a caller nothing about another kommun's answers.
/// </summary>
public sealed class ReadYourWrite(DecisionLogStore store, DecisionLog log, TimeProvider clock)
{
    /// <summary>How young an id may be and still be on its way to the log (the write interval, a commit under load, clocks between replicas).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>The most a lookup waits for this replica's queue to be written.</summary>
    public static readonly TimeSpan MostWait = TimeSpan.FromSeconds(2);

    /// <summary>The kommun's answer with that id (filtered on the kommun: another kommun's id is not found, as an id nobody has).</summary>
    public Task<DecisionLogEntry> FindAsync(string code, string id, CancellationToken ct) =>
        FindAsync(id, clock.GetUtcNow(), log, c => store.GetAsync(code, id, c), ct);

    private static async Task<DecisionLogEntry> FindAsync(string id, DateTimeOffset now, DecisionLog log, Func<CancellationToken, Task<DecisionLogEntry?>> find, CancellationToken ct)
    {
        if (await find(ct) is { } found)
        {
            return found;
        }

        var young = now.ToUnixTimeMilliseconds() - DecisionIds.MillisecondsOf(id) <= (long)Window.TotalMilliseconds;
        if (!young)
        {
            throw Problems.NotFound("Svaret");
        }

        using (var patience = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            patience.CancelAfter(MostWait);
            try
            {
                await log.FlushAsync(patience.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // still writing (the database is slow or away): say so below
            }
        }

        return await find(ct) ?? throw Problems.Unavailable("Svaret är ännu inte sparat i loggen. Försök igen om en stund.");
    }
}

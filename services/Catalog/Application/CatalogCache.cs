using System.Collections.Concurrent;
using System.Collections.Immutable;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// Each kommun's current catalog in memory, so reads never touch the database, and a short log of the changes
/// that brought it there, from which watchers stream. Loaded whole once; after that it only moves forward by
/// changes: this instance's own writes as the writer made them (<see cref="AppendAsync"/>), and what other
/// instances wrote, read by <see cref="CatalogRevisionPoller"/> since the cached revision. Watchers wait here for
/// a revision to pass.
/// </summary>
public sealed class CatalogCache(CatalogStore store)
{
    /// <summary>How many changes a kommun's log keeps: a watcher further behind reads the store once to catch up.</summary>
    public const int LogLength = 256;

    private readonly ConcurrentDictionary<string, Kept> kept = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> changed = new(StringComparer.Ordinal);
    private long wholeLoads;

    /// <summary>A kommun's snapshot and the log of changes after <paramref name="LogFrom"/> up to the snapshot's revision. Immutable.</summary>
    private sealed record Kept(CatalogSnapshot Snapshot, long LogFrom, ImmutableList<CatalogChange> Log);

    public IEnumerable<string> CachedMunicipalities => kept.Keys;

    /// <summary>How many times a kommun's whole catalog was read (once per kommun and process when all is well).</summary>
    public long WholeLoads => Interlocked.Read(ref wholeLoads);

    public ValueTask<CatalogSnapshot> GetAsync(string code, CancellationToken ct) =>
        kept.TryGetValue(code, out var k) ? ValueTask.FromResult(k.Snapshot) : new ValueTask<CatalogSnapshot>(CatchUpAsync(code, ct));

    /// <summary>
    /// The kommun's catalog at <paramref name="minRevision"/> or later (read-your-writes across instances: a
    /// client passes the revision a write gave it). An instance behind it reads what it lacks first; a revision
    /// the catalog has not reached is INVALID_ARGUMENT naming <paramref name="field"/>.
    /// </summary>
    public async ValueTask<CatalogSnapshot> AtLeastAsync(string code, long minRevision, string field, CancellationToken ct)
    {
        var snapshot = await GetAsync(code, ct);
        if (minRevision < 0)
        {
            throw Problems.InvalidArgument(field, "Får inte vara negativ.");
        }

        if (minRevision <= snapshot.Revision)
        {
            return snapshot;
        }

        snapshot = await CatchUpAsync(code, ct);
        return minRevision <= snapshot.Revision ? snapshot : throw Problems.InvalidArgument(field, "Revisionen är nyare än katalogen.");
    }

    /// <summary>
    /// The changes after <paramref name="revision"/> up to the cached revision, from the log; Changes is null when the
    /// log no longer reaches back that far (the caller reads the store). Revision is the cached revision (0 before the
    /// kommun is loaded).
    /// </summary>
    public (long Revision, IReadOnlyList<CatalogChange>? Changes) ChangesAfter(string code, long revision)
    {
        if (!kept.TryGetValue(code, out var k))
        {
            return (0, null);
        }

        if (revision < k.LogFrom)
        {
            return (k.Snapshot.Revision, null);
        }

        return (k.Snapshot.Revision, k.Log.Where(c => c.Revision > revision).ToList());
    }

    /// <summary>The revision the kommun's log of changes reaches back to (a watcher resuming from before it reads the store); null when not loaded.</summary>
    public long? LogReachesBackTo(string code) => kept.TryGetValue(code, out var k) ? k.LogFrom : null;

    /// <summary>Every kommun's revision as the database holds it (the kommuner with a catalog, for the platform's services).</summary>
    public Task<Dictionary<string, long>> StoredRevisionsAsync(CancellationToken ct) => store.RevisionsAsync(ct);

    /// <summary>Reads what changed since the cached revision (the whole kommun the first time) and wakes its watchers if it moved.</summary>
    public Task<CatalogSnapshot> CatchUpAsync(string code, CancellationToken ct) => UnderGateAsync(code, current => ReadAsync(code, current, ct), ct);

    /// <summary>
    /// After this instance's committed write: applies its change when it follows the cached revision directly, else
    /// (another instance wrote in between) reads what changed since. Never reads the whole kommun.
    /// </summary>
    public Task<CatalogSnapshot> AppendAsync(string code, CatalogChange change, CancellationToken ct) =>
        UnderGateAsync(code, current => current is not null && change.Revision == current.Snapshot.Revision + 1
            ? Task.FromResult(Apply(current, [change]))
            : ReadAsync(code, current, ct), ct);

    /// <summary>Completes when the kommun's cached revision is past <paramref name="revision"/>, or after the timeout.</summary>
    public async Task WaitForRevisionAfterAsync(string code, long revision, TimeSpan timeout, CancellationToken ct)
    {
        var signal = changed.GetOrAdd(code, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (kept.TryGetValue(code, out var k) && k.Snapshot.Revision > revision)
        {
            return;
        }

        try
        {
            await signal.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            // The caller looks at the cached revision once more either way.
        }
    }

    private async Task<CatalogSnapshot> UnderGateAsync(string code, Func<Kept?, Task<Kept>> next, CancellationToken ct)
    {
        var gate = gates.GetOrAdd(code, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var current = kept.TryGetValue(code, out var k) ? k : null;
            var fresh = await next(current);
            if (current is null || fresh.Snapshot.Revision > current.Snapshot.Revision)
            {
                kept[code] = fresh;
                if (changed.TryRemove(code, out var signal))
                {
                    signal.TrySetResult();
                }

                return fresh.Snapshot;
            }

            return current.Snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Kept> ReadAsync(string code, Kept? current, CancellationToken ct)
    {
        if (current is null)
        {
            Interlocked.Increment(ref wholeLoads);
            var (revision, versions, rules) = await store.LoadCurrentAsync(code, ct);
            var snapshot = new CatalogSnapshot(code, revision, versions.Select(v => CatalogRows.ToIntervention(code, v)), rules.Select(r => CatalogRows.ToRules(code, r)));
            return new Kept(snapshot, revision, []);
        }

        var (now, changedVersions, changedRules) = await store.CatchUpAsync(code, current.Snapshot.Revision, ct);
        return now > current.Snapshot.Revision ? Apply(current, CatalogChange.FromRows(code, changedVersions, changedRules), now) : current;
    }

    /// <summary>
    /// The kept catalog with changes after it applied in revision order (each version replaces the one with its
    /// version id) and appended to the log, which keeps its last <see cref="LogLength"/> changes.
    /// </summary>
    private static Kept Apply(Kept current, IReadOnlyList<CatalogChange> changes, long? revision = null)
    {
        var code = current.Snapshot.MunicipalityCode;
        var versions = current.Snapshot.Versions.ToDictionary(v => v.VersionId, StringComparer.Ordinal);
        var rules = current.Snapshot.Rules.ToDictionary(r => r.VersionId, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            foreach (var iv in change.Interventions)
            {
                versions[iv.VersionId] = iv;
            }

            foreach (var r in change.Rules)
            {
                rules[r.VersionId] = r;
            }
        }

        var log = current.Log.AddRange(changes);
        var from = current.LogFrom;
        if (log.Count > LogLength)
        {
            from = log[log.Count - LogLength - 1].Revision;
            log = log.RemoveRange(0, log.Count - LogLength);
        }

        var to = Math.Max(revision ?? 0, changes.Count > 0 ? changes[^1].Revision : current.Snapshot.Revision);
        return new Kept(new CatalogSnapshot(code, to, versions.Values, rules.Values), from, log);
    }
}

using System.Collections.Concurrent;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// Each kommun's current catalog in memory, so reads never touch the database. Loaded whole once;
/// after that it only moves forward by what changed: this instance's own writes are applied as
/// written, and <see cref="CatalogRevisionPoller"/> reads what other instances wrote since the cached
/// revision. Watchers wait here for a revision to pass.
/// </summary>
public sealed class CatalogCache(CatalogStore store)
{
    private readonly ConcurrentDictionary<string, CatalogSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> changed = new(StringComparer.Ordinal);
    private long wholeLoads;

    public IEnumerable<string> CachedMunicipalities => snapshots.Keys;

    /// <summary>How many times a kommun's whole catalog was read (once per kommun and process when all is well).</summary>
    public long WholeLoads => Interlocked.Read(ref wholeLoads);

    public ValueTask<CatalogSnapshot> GetAsync(string code, CancellationToken ct) =>
        snapshots.TryGetValue(code, out var snapshot) ? ValueTask.FromResult(snapshot) : new ValueTask<CatalogSnapshot>(CatchUpAsync(code, ct));

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

    /// <summary>Reads what changed since the cached revision (the whole kommun the first time) and wakes its watchers if it moved.</summary>
    public Task<CatalogSnapshot> CatchUpAsync(string code, CancellationToken ct) => UnderGateAsync(code, current => ReadAsync(code, current, ct), ct);

    /// <summary>
    /// After this instance's committed write: applies the rows it wrote when they follow the cached revision
    /// directly, else (another instance wrote in between) reads what changed. Never reads the whole kommun.
    /// </summary>
    public Task<CatalogSnapshot> AppliedAsync(string code, CatalogWrite write, CancellationToken ct) =>
        UnderGateAsync(code, current => current is not null && write.Revision == current.Revision + 1 && (write.Versions.Count > 0 || write.Rules.Count > 0)
            ? Task.FromResult(Apply(current, write.Revision, write.Versions, write.Rules))
            : ReadAsync(code, current, ct), ct);

    /// <summary>Completes when the kommun's cached revision is past <paramref name="revision"/>, or after the timeout.</summary>
    public async Task WaitForRevisionAfterAsync(string code, long revision, TimeSpan timeout, CancellationToken ct)
    {
        var signal = changed.GetOrAdd(code, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (snapshots.TryGetValue(code, out var snapshot) && snapshot.Revision > revision)
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

    private async Task<CatalogSnapshot> UnderGateAsync(string code, Func<CatalogSnapshot?, Task<CatalogSnapshot>> next, CancellationToken ct)
    {
        var gate = gates.GetOrAdd(code, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var current = snapshots.TryGetValue(code, out var s) ? s : null;
            var fresh = await next(current);
            if (current is null || fresh.Revision > current.Revision)
            {
                snapshots[code] = fresh;
                if (changed.TryRemove(code, out var signal))
                {
                    signal.TrySetResult();
                }

                return fresh;
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<CatalogSnapshot> ReadAsync(string code, CatalogSnapshot? current, CancellationToken ct)
    {
        if (current is null)
        {
            Interlocked.Increment(ref wholeLoads);
            var (revision, versions, rules) = await store.LoadCurrentAsync(code, ct);
            return new CatalogSnapshot(code, revision, versions.Select(v => CatalogRows.ToIntervention(code, v)), rules.Select(r => CatalogRows.ToRules(code, r)));
        }

        var (now, changedVersions, changedRules) = await store.CatchUpAsync(code, current.Revision, ct);
        return now > current.Revision ? Apply(current, now, changedVersions, changedRules) : current;
    }

    /// <summary>The snapshot with rows written after it: each replaces the version with its version id, in revision order.</summary>
    private static CatalogSnapshot Apply(CatalogSnapshot current, long revision, IEnumerable<VersionRow> versionRows, IEnumerable<RulesRow> rulesRows)
    {
        var code = current.MunicipalityCode;
        var versions = current.Versions.ToDictionary(v => v.VersionId, StringComparer.Ordinal);
        foreach (var row in versionRows.OrderBy(r => r.Revision))
        {
            versions[row.VersionId] = CatalogRows.ToIntervention(code, row);
        }

        var rules = current.Rules.ToDictionary(r => r.VersionId, StringComparer.Ordinal);
        foreach (var row in rulesRows.OrderBy(r => r.Revision))
        {
            rules[row.VersionId] = CatalogRows.ToRules(code, row);
        }

        return new CatalogSnapshot(code, revision, versions.Values, rules.Values);
    }
}

using System.Collections.Concurrent;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// Each kommun's current catalog in memory, so reads never touch the database. Refreshed right
/// after this instance writes, and by <see cref="CatalogRevisionPoller"/> when another instance
/// has written. Watchers wait here for a revision to pass.
/// </summary>
public sealed class CatalogCache(CatalogStore store)
{
    private readonly ConcurrentDictionary<string, CatalogSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> loading = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> changed = new(StringComparer.Ordinal);

    public IEnumerable<string> CachedMunicipalities => snapshots.Keys;

    public ValueTask<CatalogSnapshot> GetAsync(string code, CancellationToken ct) =>
        snapshots.TryGetValue(code, out var snapshot) ? ValueTask.FromResult(snapshot) : new ValueTask<CatalogSnapshot>(LoadAsync(code, ct));

    /// <summary>Reloads a kommun from the database and wakes its watchers if the revision moved.</summary>
    public async Task<CatalogSnapshot> RefreshAsync(string code, CancellationToken ct)
    {
        var gate = loading.GetOrAdd(code, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var (revision, versions, rules) = await store.LoadCurrentAsync(code, ct);
            var fresh = new CatalogSnapshot(code, revision,
                versions.Select(v => CatalogRows.ToIntervention(code, v)),
                rules.Select(r => CatalogRows.ToRules(code, r)));
            var current = snapshots.GetOrAdd(code, fresh);
            if (fresh.Revision > current.Revision)
            {
                snapshots[code] = fresh;
                current = fresh;
            }

            if (changed.TryRemove(code, out var signal))
            {
                signal.TrySetResult();
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }

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
            // The caller polls the feed once more either way.
        }
    }

    private async Task<CatalogSnapshot> LoadAsync(string code, CancellationToken ct) =>
        snapshots.TryGetValue(code, out var snapshot) ? snapshot : await RefreshAsync(code, ct);
}

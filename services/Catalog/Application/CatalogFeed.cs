using System.Runtime.CompilerServices;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// The watch stream: a snapshot of every current version, then every change in revision order,
/// read from the store's append-only rows so a consumer can resume after any revision it saw; each
/// batch of changes ends with a ChangesComplete marker, so a consumer applies and persists it once.
/// </summary>
public sealed class CatalogFeed(CatalogStore store, CatalogCache cache)
{
    /// <summary>How long a quiet stream waits before it looks at the cached revision again anyway.</summary>
    public static readonly TimeSpan QuietPoll = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<WatchCatalogResponse> WatchAsync(string code, long sinceRevision, [EnumeratorCancellation] CancellationToken ct)
    {
        var snapshot = await cache.GetAsync(code, ct);
        long last;
        if (sinceRevision == 0)
        {
            foreach (var rules in snapshot.Rules)
            {
                yield return new WatchCatalogResponse { Revision = snapshot.Revision, Rules = rules };
            }

            foreach (var version in snapshot.Versions)
            {
                yield return new WatchCatalogResponse { Revision = snapshot.Revision, Intervention = version };
            }

            yield return new WatchCatalogResponse
            {
                Revision = snapshot.Revision,
                SnapshotComplete = new SnapshotComplete { VersionCount = snapshot.Versions.Count + snapshot.Rules.Count },
            };
            last = snapshot.Revision;
        }
        else
        {
            if (sinceRevision > snapshot.Revision && sinceRevision > (await cache.CatchUpAsync(code, ct)).Revision)
            {
                throw Problems.InvalidArgument("since_revision", "Revisionen är nyare än katalogen.");
            }

            last = sinceRevision;
        }

        while (!ct.IsCancellationRequested)
        {
            // The cache follows the database (this instance's writes, the poller for the others'), so an idle
            // stream waits on it and reads the store only when its revision moved: no reads while nothing changes.
            var known = (await cache.GetAsync(code, ct)).Revision;
            if (known <= last)
            {
                await cache.WaitForRevisionAfterAsync(code, last, QuietPoll, ct);
                continue;
            }

            // Every row up to the known revision was committed before this read, so the read sees them all.
            var (versions, rules) = await store.ChangesSinceAsync(code, last, ct);
            var changes = versions.Select(v => new WatchCatalogResponse { Revision = v.Revision, Intervention = CatalogRows.ToIntervention(code, v) })
                .Concat(rules.Select(r => new WatchCatalogResponse { Revision = r.Revision, Rules = CatalogRows.ToRules(code, r) }))
                .OrderBy(c => c.Revision)
                .ToList();
            foreach (var change in changes)
            {
                yield return change;
            }

            last = Math.Max(known, changes.Count > 0 ? changes[^1].Revision : 0);
            if (changes.Count > 0)
            {
                yield return new WatchCatalogResponse { Revision = last, ChangesComplete = new ChangesComplete() };
            }
        }
    }
}

using System.Runtime.CompilerServices;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// The watch stream: a snapshot of every current version, then every change in revision order,
/// read from the store's append-only rows so a consumer can resume after any revision it saw.
/// </summary>
public sealed class CatalogFeed(CatalogStore store, CatalogCache cache)
{
    /// <summary>How long a quiet stream waits before it looks at the store again anyway.</summary>
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
            if (sinceRevision > snapshot.Revision && sinceRevision > (await cache.RefreshAsync(code, ct)).Revision)
            {
                throw Problems.InvalidArgument("since_revision", "Revisionen är nyare än katalogen.");
            }

            last = sinceRevision;
        }

        while (!ct.IsCancellationRequested)
        {
            // The revision this instance knows was committed before the read below, so the read sees
            // every row up to it: with nothing new, the stream has caught up to it (and does not ask again).
            var known = (await cache.GetAsync(code, ct)).Revision;
            var (versions, rules) = await store.ChangesSinceAsync(code, last, ct);
            var changes = versions.Select(v => new WatchCatalogResponse { Revision = v.Revision, Intervention = CatalogRows.ToIntervention(code, v) })
                .Concat(rules.Select(r => new WatchCatalogResponse { Revision = r.Revision, Rules = CatalogRows.ToRules(code, r) }))
                .OrderBy(c => c.Revision)
                .ToList();
            foreach (var change in changes)
            {
                yield return change;
                last = Math.Max(last, change.Revision);
            }

            if (changes.Count == 0)
            {
                last = Math.Max(last, known);
                await cache.WaitForRevisionAfterAsync(code, last, QuietPoll, ct);
            }
        }
    }
}

using System.Runtime.CompilerServices;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// The watch stream: a snapshot of every current version, then every change in revision order, from the
/// cache's log of changes (or, for a consumer resuming from a revision older than the log, from the store's
/// append-only rows) so a consumer can resume after any revision it saw; each
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
            // The cache follows the database (this instance's writes, the poller for the others') and keeps the
            // changes that brought it there: a stream waits on it and sends what its log holds. The store is read
            // only by a stream further behind than the log reaches (a resume from an old revision).
            await cache.GetAsync(code, ct);
            var (known, logged) = cache.ChangesAfter(code, last);
            if (known <= last)
            {
                await cache.WaitForRevisionAfterAsync(code, last, QuietPoll, ct);
                continue;
            }

            var changes = logged ?? await FromStoreAsync(code, last, ct);
            foreach (var change in changes)
            {
                foreach (var iv in change.Interventions)
                {
                    yield return new WatchCatalogResponse { Revision = change.Revision, Intervention = iv };
                }

                foreach (var rules in change.Rules)
                {
                    yield return new WatchCatalogResponse { Revision = change.Revision, Rules = rules };
                }
            }

            last = Math.Max(known, changes.Count > 0 ? changes[^1].Revision : 0);
            if (changes.Count > 0)
            {
                yield return new WatchCatalogResponse { Revision = last, ChangesComplete = new ChangesComplete() };
            }
        }
    }

    /// <summary>Every change after a revision older than the cache's log, read from the store's append-only rows.</summary>
    private async Task<IReadOnlyList<CatalogChange>> FromStoreAsync(string code, long since, CancellationToken ct)
    {
        var (versions, rules) = await store.ChangesSinceAsync(code, since, ct);
        return CatalogChange.FromRows(code, versions, rules);
    }
}

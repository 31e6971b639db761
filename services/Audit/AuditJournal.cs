using System.Data.Common;
using Socialtjanst.Data;

namespace Socialtjanst.Audit;

/// <summary>
/// One audited call's journal: a store that writes individual-level data (FollowUp's decisions, the Catalog's insatser) records
/// the call's events for the resources it changed inside its own transaction, so the data and the record
/// of who changed it commit together. The interceptor then logs only what the journal did not.
/// </summary>
public sealed class AuditJournal(Func<string, string, AuditEntry> eventFor, string author, string method) : IWriteJournal
{
    public string Author => author;

    public string Method => method;

    private readonly HashSet<string> recorded = new(StringComparer.Ordinal);

    /// <summary>Resources whose OK event is in a committed (or committing) write transaction.</summary>
    public bool Recorded(string resource)
    {
        lock (recorded)
        {
            return recorded.Contains(resource);
        }
    }

    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<(string Resource, string Reference)> resources, CancellationToken ct)
    {
        await AuditStore.InsertAsync(connection, transaction, resources.Select(r => eventFor(r.Resource, r.Reference)), ct);
        lock (recorded)
        {
            recorded.UnionWith(resources.Select(r => r.Resource));
        }
    }
}

using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// The catalog's history, read from the store's append-only rows: every version an insats has had with
/// the write that made it, and what differs between two revisions or between two days. Writes nothing.
/// </summary>
public sealed class CatalogHistory(CatalogStore store, CatalogCache cache)
{
    /// <summary>Fields that tell versions apart but are not content: left out of a comparison.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "revision", "etag", "version_id", "findings" };

    /// <summary>A page of an insats's history after a (revision, version id) key; NOT_FOUND when the kommun never had the insats.</summary>
    public async Task<(List<InterventionRevision> Page, (long Revision, string VersionId)? Next)> RevisionsAsync(
        string code, string id, (long Revision, string VersionId)? after, int size, CancellationToken ct)
    {
        var rows = await store.HistoryAsync(code, id, after?.Revision ?? long.MaxValue, after?.VersionId ?? "", size + 1, ct);
        if (rows.Count == 0 && after is null)
        {
            throw Problems.NotFound("Insatsen");
        }

        var page = rows.Take(size).Select(r => new InterventionRevision
        {
            Revision = r.Revision,
            WriteTime = r.WrittenAt is null ? null : Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(r.WrittenAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)),
            Method = r.Method ?? "",
            WrittenBy = r.WrittenBy ?? "",
            Version = CatalogRows.ToIntervention(code, r),
            Superseded = r.SupersededRevision is not null,
        }).ToList();
        return (page, rows.Count > size ? (rows[size - 1].Revision, rows[size - 1].VersionId) : null);
    }

    /// <summary>A page of the writes to the kommun's catalog before a revision, newest first.</summary>
    public async Task<(List<CatalogRevision> Page, long? Next)> WritesAsync(string code, long? before, int size, CancellationToken ct)
    {
        var (writes, versions, rules) = await store.WritesAsync(code, before ?? long.MaxValue, size + 1, ct);
        var page = writes.Take(size).Select(w =>
        {
            var written = versions.Where(v => v.Revision == w.Revision).Select(v => CatalogRows.ToIntervention(code, v)).ToList();
            return new CatalogRevision
            {
                Revision = w.Revision,
                WriteTime = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(w.WrittenAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)),
                Method = w.Method,
                WrittenBy = w.WrittenBy,
                Interventions = { written.Select(v => v.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal) },
                RulesChanged = rules.Contains(w.Revision),
                CommitteeDecisionReferences = { written.Select(v => v.CommitteeDecisionReference).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal) },
            };
        }).ToList();
        return (page, writes.Count > size ? writes[size - 1].Revision : null);
    }

    /// <summary>Every version that differs between the catalog at two revisions (to = 0: the current one).</summary>
    public async Task<DiffCatalogResponse> BetweenRevisionsAsync(string code, long from, long to, CancellationToken ct)
    {
        var current = (await cache.CatchUpAsync(code, ct)).Revision;
        to = to == 0 ? current : to;
        new FieldChecks()
            .When(from < 0, "from_revision", "Får inte vara negativ.")
            .When(to > current, "to_revision", "Revisionen är nyare än katalogen.")
            .When(from > to, "from_revision", "Får inte vara efter to_revision.")
            .ThrowIfAny();
        var before = (await store.VersionsAtAsync(code, from, ct)).Select(r => CatalogRows.ToIntervention(code, r)).ToDictionary(v => v.VersionId, StringComparer.Ordinal);
        var after = (await store.VersionsAtAsync(code, to, ct)).Select(r => CatalogRows.ToIntervention(code, r)).ToDictionary(v => v.VersionId, StringComparer.Ordinal);
        var response = new DiffCatalogResponse { FromRevision = from, ToRevision = to };
        response.Changes.AddRange(Compare(before, after));
        return response;
    }

    /// <summary>Every insats that differs between those in force on two days, in today's catalog.</summary>
    public async Task<DiffCatalogResponse> BetweenDaysAsync(string code, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (from > to)
        {
            throw Problems.InvalidArgument("from_date", "Får inte vara efter to_date.");
        }

        var snapshot = await cache.GetAsync(code, ct);
        var before = snapshot.ListInForce(from, Access.Unspecified).ToDictionary(v => v.Name, StringComparer.Ordinal);
        var after = snapshot.ListInForce(to, Access.Unspecified).ToDictionary(v => v.Name, StringComparer.Ordinal);
        var response = new DiffCatalogResponse { FromRevision = snapshot.Revision, ToRevision = snapshot.Revision };
        response.Changes.AddRange(Compare(before, after));
        return response;
    }

    /// <summary>Added, removed and changed, by key, ordered by insats name.</summary>
    private static IEnumerable<InterventionChange> Compare(Dictionary<string, Intervention> before, Dictionary<string, Intervention> after)
    {
        foreach (var key in before.Keys.Union(after.Keys).OrderBy(k => (before.GetValueOrDefault(k) ?? after[k]).Name, StringComparer.Ordinal).ThenBy(k => k, StringComparer.Ordinal))
        {
            var (a, b) = (before.GetValueOrDefault(key), after.GetValueOrDefault(key));
            var change = new InterventionChange { Name = (a ?? b)!.Name, Before = a, After = b };
            if (a is null)
            {
                change.Kind = ChangeKind.Added;
            }
            else if (b is null)
            {
                change.Kind = ChangeKind.Removed;
            }
            else
            {
                change.ChangedFields.AddRange(ChangedFields(a, b));
                if (change.ChangedFields.Count == 0)
                {
                    continue;
                }

                change.Kind = ChangeKind.Changed;
            }

            yield return change;
        }
    }

    /// <summary>The content fields (Intervention field names) in which two versions differ.</summary>
    public static IEnumerable<string> ChangedFields(Intervention a, Intervention b) =>
        Intervention.Descriptor.Fields.InFieldNumberOrder()
            .Where(f => !Bookkeeping.Contains(f.Name) && !Equals(f.Accessor.GetValue(a), f.Accessor.GetValue(b)))
            .Select(f => f.Name);
}

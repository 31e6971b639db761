using System.Collections.Concurrent;
using Google.Protobuf;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// Each kommun's current catalog in memory, so reads never touch the database. Refreshed right
/// after this instance writes, and by <see cref="CatalogRevisionPoller"/> when another instance
/// has written. Watchers wait here for a revision to pass.
/// </summary>
public sealed class CatalogCache(CatalogStore store)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

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
                versions.Select(v => ToIntervention(code, v)),
                rules.Select(r => ToRules(code, r)));
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

    public static Intervention ToIntervention(string code, VersionRow row)
    {
        var iv = Parser.Parse<Intervention>(row.Body);
        iv.Name = CatalogNames.Intervention(code, row.InterventionId);
        iv.VersionId = row.VersionId;
        iv.Revision = row.Revision;
        iv.Etag = Etag(row.Revision, row.VersionId);
        iv.Findings.Clear();
        iv.Findings.AddRange(InterventionRules.Findings(iv));
        return iv;
    }

    public static MunicipalityRules ToRules(string code, RulesRow row)
    {
        var rules = Parser.Parse<MunicipalityRules>(row.Body);
        rules.Name = CatalogNames.Rules(code);
        rules.VersionId = row.VersionId;
        rules.Revision = row.Revision;
        return rules;
    }

    /// <summary>The etag of a stored version: it changes with every write of it (AIP-154).</summary>
    public static string Etag(long revision, string versionId) => $"{revision}-{versionId[..Math.Min(8, versionId.Length)]}";

    /// <summary>The stored form: the insats without its output-only fields.</summary>
    public static VersionRow ToRow(string id, string versionId, Intervention iv)
    {
        var body = iv.Clone();
        body.Name = "";
        body.VersionId = "";
        body.Revision = 0;
        body.Etag = "";
        body.Findings.Clear();
        return new VersionRow
        {
            InterventionId = id,
            VersionId = versionId,
            ValidFrom = iv.ValidFrom.ToDateOnly("valid_from")!.Value.ToIso(),
            ValidTo = iv.ValidTo.ToDateOnly("valid_to")?.ToIso(),
            Access = (long)iv.Access,
            Body = JsonFormatter.Default.Format(body),
        };
    }

    public static RulesRow ToRow(string versionId, MunicipalityRules rules)
    {
        var body = rules.Clone();
        body.Name = "";
        body.VersionId = "";
        body.Revision = 0;
        return new RulesRow
        {
            VersionId = versionId,
            ValidFrom = rules.ValidFrom.ToDateOnly("valid_from")!.Value.ToIso(),
            ValidTo = rules.ValidTo.ToDateOnly("valid_to")?.ToIso(),
            Body = JsonFormatter.Default.Format(body),
        };
    }
}

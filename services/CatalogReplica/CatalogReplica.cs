using System.Collections.Concurrent;
using Google.Protobuf;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.CatalogReplica;

/// <summary>
/// Every kommun's catalog in memory, as last received from the Catalog's watch stream. A read
/// never waits on the network or a database: it gets the last good snapshot, however old.
/// </summary>
public sealed class CatalogReplica(CatalogReplicaOptions options)
{
    private readonly ConcurrentDictionary<string, CatalogSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> changed = new(StringComparer.Ordinal);
    private long persists;

    /// <summary>How many times a kommun's copy was written to disk (and fsynced): once per batch of changes, not per message.</summary>
    public long Persists => Interlocked.Read(ref persists);

    /// <summary>The kommun's catalog, or null when none has ever been received.</summary>
    public CatalogSnapshot? Get(string code) => snapshots.TryGetValue(code, out var s) ? s : null;

    public IReadOnlyCollection<string> Municipalities => snapshots.Keys.ToArray();

    /// <summary>True while the kommun's stream is connected and past its snapshot.</summary>
    public bool IsLive(string code) => live.TryGetValue(code, out var l) && l;

    public bool AllLive => !snapshots.IsEmpty && snapshots.Keys.All(IsLive);

    private volatile bool discovered;

    /// <summary>
    /// True once the Catalog has answered which kommuner it holds. A new deployment's Catalog holds none until the first
    /// import: a consumer that has asked and been told so can answer (NOT_FOUND for every kommun) and is ready.
    /// </summary>
    public bool Discovered => discovered;

    internal void MarkDiscovered() => discovered = true;

    /// <summary>Completes when the kommun's revision passes <paramref name="revision"/> (for tests and tools).</summary>
    public async Task WaitForRevisionAsync(string code, long revision, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (Get(code)?.Revision is not { } r || r < revision)
        {
            var signal = changed.GetOrAdd(code, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (Get(code)?.Revision is { } now && now >= revision)
            {
                return;
            }

            await signal.Task.WaitAsync(cts.Token);
        }
    }

    internal void SetLive(string code, bool isLive) => live[code] = isLive;

    internal void Replace(CatalogSnapshot snapshot, bool persist = true)
    {
        snapshots[snapshot.MunicipalityCode] = snapshot;
        if (persist)
        {
            Persist(snapshot);
        }

        if (changed.TryRemove(snapshot.MunicipalityCode, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Applies changes from the stream: each replaces the version with the same version id.</summary>
    internal void Apply(string code, IReadOnlyList<WatchCatalogResponse> changes)
    {
        var current = Get(code) ?? CatalogSnapshot.Empty(code);
        var versions = current.Versions.ToDictionary(v => v.VersionId, StringComparer.Ordinal);
        var rules = current.Rules.ToDictionary(r => r.VersionId, StringComparer.Ordinal);
        var revision = current.Revision;
        foreach (var change in changes)
        {
            if (change.Intervention is { } iv)
            {
                versions[iv.VersionId] = iv;
            }
            else if (change.Rules is { } r)
            {
                rules[r.VersionId] = r;
            }

            revision = Math.Max(revision, change.Revision);
        }

        Replace(new CatalogSnapshot(code, revision, versions.Values, rules.Values));
    }

    /// <summary>Loads the copies kept on disk, so a restart answers while the Catalog is away.</summary>
    public void LoadPersisted()
    {
        if (options.StateDirectory.Length == 0 || !Directory.Exists(options.StateDirectory))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(options.StateDirectory, "*.catalog"))
        {
            var code = Path.GetFileNameWithoutExtension(file);
            if (Hosting.Auth.MunicipalityCodes.IsValid(code) && Read(file) is { } snapshot && snapshot.MunicipalityCode == code)
            {
                Replace(snapshot, persist: false);
            }
        }
    }

    private void Persist(CatalogSnapshot snapshot)
    {
        if (options.StateDirectory.Length == 0)
        {
            return;
        }

        Directory.CreateDirectory(options.StateDirectory);
        Interlocked.Increment(ref persists);
        var path = Path.Combine(options.StateDirectory, snapshot.MunicipalityCode + ".catalog");
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            foreach (var rules in snapshot.Rules)
            {
                new WatchCatalogResponse { Revision = rules.Revision, Rules = rules }.WriteDelimitedTo(stream);
            }

            foreach (var version in snapshot.Versions)
            {
                new WatchCatalogResponse { Revision = version.Revision, Intervention = version }.WriteDelimitedTo(stream);
            }

            // The closing marker: a file without it was cut short and is not used.
            new WatchCatalogResponse { Revision = snapshot.Revision, SnapshotComplete = new SnapshotComplete { VersionCount = snapshot.Versions.Count + snapshot.Rules.Count } }.WriteDelimitedTo(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static CatalogSnapshot? Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var items = new List<WatchCatalogResponse>();
            while (stream.Position < stream.Length)
            {
                items.Add(WatchCatalogResponse.Parser.ParseDelimitedFrom(stream));
            }

            if (items.Count == 0 || items[^1].SnapshotComplete is not { } complete || complete.VersionCount != items.Count - 1)
            {
                return null;
            }

            var code = Path.GetFileNameWithoutExtension(path);
            return new CatalogSnapshot(code, items[^1].Revision,
                items.Where(i => i.Intervention is not null).Select(i => i.Intervention),
                items.Where(i => i.Rules is not null).Select(i => i.Rules));
        }
        catch (Exception ex) when (ex is IOException or InvalidProtocolBufferException)
        {
            return null;
        }
    }
}

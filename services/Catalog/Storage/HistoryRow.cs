namespace Socialtjanst.Catalog.Storage;

/// <summary>A stored version of an insats with the write that made it (who, when, how) and whether a later write replaced it.</summary>
public sealed class HistoryRow : VersionRow
{
    public long? SupersededRevision { get; set; }

    public string? WrittenAt { get; set; }

    public string? Method { get; set; }

    public string? WrittenBy { get; set; }
}

namespace Socialtjanst.Catalog.Storage;

/// <summary>A stored version of an insats with the write that made it (who, when, how) and whether a later write replaced it.</summary>
public sealed class HistoryRow
{
    public string InterventionId { get; set; } = "";

    public string VersionId { get; set; } = "";

    public string ValidFrom { get; set; } = "";

    public string? ValidTo { get; set; }

    public long Access { get; set; }

    public string Body { get; set; } = "";

    public long Revision { get; set; }

    public long? SupersededRevision { get; set; }

    public string? WrittenAt { get; set; }

    public string? Method { get; set; }

    public string? WrittenBy { get; set; }

    public VersionRow Version => new()
    {
        InterventionId = InterventionId, VersionId = VersionId, ValidFrom = ValidFrom, ValidTo = ValidTo, Access = Access, Body = Body, Revision = Revision,
    };
}

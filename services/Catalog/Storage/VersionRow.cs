namespace Socialtjanst.Catalog.Storage;

/// <summary>A stored version of an insats. Body is the insats as protobuf JSON, without output-only fields.</summary>
public class VersionRow
{
    public string InterventionId { get; set; } = "";

    public string VersionId { get; set; } = "";

    public string ValidFrom { get; set; } = "";

    public string? ValidTo { get; set; }

    public long Access { get; set; }

    public string Body { get; set; } = "";

    public long Revision { get; set; }
}

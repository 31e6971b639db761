namespace Socialtjanst.Catalog.Storage;

/// <summary>A stored version of a kommun's rules.</summary>
public sealed class RulesRow
{
    public string VersionId { get; set; } = "";

    public string ValidFrom { get; set; } = "";

    public string? ValidTo { get; set; }

    public string Body { get; set; } = "";

    public long Revision { get; set; }
}

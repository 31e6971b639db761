namespace Socialtjanst.Catalog.Storage;

/// <summary>One write to a kommun's catalog as the history keeps it (table catalog_write).</summary>
public sealed class WriteRow
{
    public long Revision { get; set; }

    public string WrittenAt { get; set; } = "";

    public string Method { get; set; } = "";

    public string WrittenBy { get; set; } = "";
}

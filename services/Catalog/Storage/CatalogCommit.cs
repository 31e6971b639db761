using Socialtjanst.Data;

namespace Socialtjanst.Catalog.Storage;

/// <summary>
/// One write to a kommun's catalog, decided in full before its transaction opens: the rows it puts, the request it
/// answers, what it changed and who made it. <see cref="CatalogStore.CommitAsync"/> commits all of it under
/// <see cref="Revision"/>, or nothing when another write took that revision first (<see cref="CatalogMovedOnException"/>).
/// </summary>
public sealed class CatalogCommit(string code, long expectedRevision, IWriteJournal? journal)
{
    public string Code => code;

    /// <summary>The revision the write was planned against: the catalog must still be at it when the write commits.</summary>
    public long ExpectedRevision => expectedRevision;

    /// <summary>The revision the write's rows go in under.</summary>
    public long Revision => expectedRevision + 1;

    /// <summary>The call's access-log journal (null for the seed import at start): its events commit with the rows.</summary>
    public IWriteJournal? Journal => journal;

    public List<VersionRow> Versions { get; } = [];

    public List<RulesRow> Rules { get; } = [];

    /// <summary>What the write changed, each with the nämnd decision it rests on: the access log's events.</summary>
    public List<(string Resource, string Reference)> Touched { get; } = [];

    /// <summary>The request id's first answer, kept so a retry gets it again.</summary>
    public RequestEntry? Request { get; set; }

    /// <summary>True when the write puts rows (a new revision of the catalog); false when it only answers a request.</summary>
    public bool ChangesCatalog => Versions.Count > 0 || Rules.Count > 0;

    /// <summary>True when there is nothing to commit.</summary>
    public bool IsEmpty => !ChangesCatalog && Request is null;
}

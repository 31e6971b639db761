using Google.Protobuf;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Data;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// A write being planned against one snapshot of the catalog: what it puts goes both into the commit (rows for the
/// store) and into the change (messages for the cache), so the two cannot differ.
/// </summary>
public sealed class ChangeDraft(string code, long plannedAgainst, IWriteJournal? journal, DateTimeOffset now)
{
    private readonly List<Intervention> interventions = [];
    private readonly List<MunicipalityRules> rules = [];

    public CatalogCommit Commit { get; } = new(code, plannedAgainst, journal);

    /// <summary>The revision the draft's versions will have once committed.</summary>
    public long Revision => Commit.Revision;

    /// <summary>The change for the cache once committed; null when the draft changes no version.</summary>
    public CatalogChange? Change => Commit.ChangesCatalog ? new CatalogChange(Revision, interventions, rules) : null;

    /// <summary>Puts a version of an insats and gives it back as stored (its name, version id, revision, etag and findings set).</summary>
    public Intervention Put(string id, string versionId, Intervention iv)
    {
        var row = CatalogRows.ToRow(id, versionId, iv);
        row.Revision = Revision;
        Commit.Versions.Add(row);
        var stored = CatalogRows.Stored(code, id, versionId, Revision, iv);
        interventions.Add(stored);
        return stored;
    }

    /// <summary>Puts a version of the kommun's rules.</summary>
    public MunicipalityRules Put(string versionId, MunicipalityRules value)
    {
        var row = CatalogRows.ToRow(versionId, value);
        row.Revision = Revision;
        Commit.Rules.Add(row);
        var stored = CatalogRows.Stored(code, versionId, Revision, value);
        rules.Add(stored);
        return stored;
    }

    /// <summary>Names a resource the write changed and the nämnd decision it rests on (the access log's event).</summary>
    public void Touch(string resource, string reference) => Commit.Touched.Add((resource, reference));

    /// <summary>Keeps the request id's answer, so a retry of the same request gets it again.</summary>
    public void Answer(string requestId, string method, string hash, IMessage response) =>
        Commit.Request = new RequestEntry(requestId, method, hash, response.ToByteArray(), now);
}

using Google.Protobuf;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Catalog.Application;

/// <summary>Stored rows and the messages they hold, both ways: the writer, the cache and the feed map through here.</summary>
public static class CatalogRows
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static Intervention ToIntervention(string code, VersionRow row)
    {
        var iv = Parser.Parse<Intervention>(row.Body);
        SetOutputFields(iv, code, row.InterventionId, row.VersionId, row.Revision);
        return iv;
    }

    /// <summary>An insats as a committed version of it reads back, made from the message in hand instead of its stored body.</summary>
    public static Intervention Stored(string code, string id, string versionId, long revision, Intervention value)
    {
        var iv = value.Clone();
        SetOutputFields(iv, code, id, versionId, revision);
        return iv;
    }

    /// <summary>The kommun's rules as a committed version of them reads back.</summary>
    public static MunicipalityRules Stored(string code, string versionId, long revision, MunicipalityRules value)
    {
        var rules = value.Clone();
        SetOutputFields(rules, code, versionId, revision);
        return rules;
    }

    public static MunicipalityRules ToRules(string code, RulesRow row)
    {
        var rules = Parser.Parse<MunicipalityRules>(row.Body);
        SetOutputFields(rules, code, row.VersionId, row.Revision);
        return rules;
    }

    private static void SetOutputFields(Intervention iv, string code, string id, string versionId, long revision)
    {
        iv.Name = CatalogNames.Intervention(code, id);
        iv.VersionId = versionId;
        iv.Revision = revision;
        iv.Etag = Etag(revision, versionId);
        iv.Findings.Clear();
        iv.Findings.AddRange(InterventionRules.Findings(iv));
    }

    private static void SetOutputFields(MunicipalityRules rules, string code, string versionId, long revision)
    {
        rules.Name = CatalogNames.Rules(code);
        rules.VersionId = versionId;
        rules.Revision = revision;
        rules.Findings.Clear();
        rules.Findings.AddRange(RulesFindings.Of(rules));
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
        body.Findings.Clear();
        return new RulesRow
        {
            VersionId = versionId,
            ValidFrom = rules.ValidFrom.ToDateOnly("valid_from")!.Value.ToIso(),
            ValidTo = rules.ValidTo.ToDateOnly("valid_to")?.ToIso(),
            Body = JsonFormatter.Default.Format(body),
        };
    }
}

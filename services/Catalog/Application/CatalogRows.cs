using Google.Protobuf;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;

namespace Socialtjanst.Catalog.Application;

/// <summary>Stored rows and the messages they hold, both ways: the writer, the cache and the feed map through here.</summary>
public static class CatalogRows
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

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
        rules.Findings.Clear();
        rules.Findings.AddRange(RulesFindings.Of(rules));
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

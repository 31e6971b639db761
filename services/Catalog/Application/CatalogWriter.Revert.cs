using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Data;
using Socialtjanst.Errors;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Catalog.Application;

public sealed partial class CatalogWriter
{
    /// <summary>
    /// Puts the catalog back as it was at a revision, in one new revision: every version of an insats or of the rules that
    /// changed since then gets that revision's content again (history keeps both). History never loses a version, so a
    /// version first written after the revision cannot be taken out: the revert is refused, naming it, so it can be retired
    /// first. Each restored version is checked against the law as any write is.
    /// </summary>
    public async Task<RevertCatalogResponse> RevertAsync(string code, long revision, string requestId, IWriteJournal? journal, CancellationToken ct)
    {
        var current = (await cache.CatchUpAsync(code, ct)).Revision;
        new FieldChecks()
            .When(revision < 1, "revision", "Ska vara minst 1.")
            .When(revision > current, "revision", "Revisionen är nyare än katalogen.")
            .ThrowIfAny();
        var then = (await store.VersionsAtAsync(code, revision, ct)).Select(r => CatalogRows.ToIntervention(code, r)).ToDictionary(v => v.VersionId, StringComparer.Ordinal);
        var rulesThen = (await store.RulesAtAsync(code, revision, ct)).Select(r => CatalogRows.ToRules(code, r)).ToDictionary(r => r.VersionId, StringComparer.Ordinal);
        var hash = "revert:" + revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await CommitAsync(code, journal, async (snapshot, draft) =>
        {
            if (requestId.Length > 0 && await ReplayedAsync<RevertCatalogResponse>(code, requestId, "RevertCatalog", hash, ct) is { } replay)
            {
                return replay;
            }

            var later = snapshot.Versions.Where(v => !then.ContainsKey(v.VersionId))
                .Select(v => new RuleProblem("", v.Name, $"{v.DisplayName} (från {v.ValidFrom.ToDateOnly("valid_from"):yyyy-MM-dd}) skrevs efter revision {revision} och kan inte tas bort: avsluta den först (RetireIntervention)."))
                .Concat(snapshot.Rules.Where(r => !rulesThen.ContainsKey(r.VersionId))
                    .Select(r => new RuleProblem("", r.Name, $"Kommunens regler från {r.ValidFrom.ToDateOnly("valid_from"):yyyy-MM-dd} skrevs efter revision {revision} och kan inte tas bort.")))
                .ToList();
            if (later.Count > 0)
            {
                throw Problems.FailedPrecondition(later);
            }

            var response = new RevertCatalogResponse();
            foreach (var now in snapshot.Versions.Where(v => !SameContent(then[v.VersionId], Content(v))))
            {
                var old = Content(then[now.VersionId]);
                EnsureValid(old, "");
                var id = CatalogNames.InterventionId(now.Name);
                draft.Touch(now.Name, draft.Put(id, now.VersionId, old).CommitteeDecisionReference);
                response.Restored.Add(now.Name);
            }

            foreach (var now in snapshot.Rules.Where(r => !SameRules(rulesThen[r.VersionId], Content(r))))
            {
                var old = Content(rulesThen[now.VersionId]);
                draft.Touch(CatalogNames.Rules(code), draft.Put(now.VersionId, old).CommitteeDecisionReference);
                response.RulesRestored = true;
            }

            response.Revision = response.Restored.Count > 0 || response.RulesRestored ? draft.Revision : 0;
            if (requestId.Length > 0)
            {
                draft.Answer(requestId, "RevertCatalog", hash, response);
            }

            return response;
        }, ct);
    }

    /// <summary>A stored version without what the store sets on it: what a write puts.</summary>
    private static Intervention Content(Intervention stored)
    {
        var iv = stored.Clone();
        iv.VersionId = "";
        iv.Revision = 0;
        iv.Etag = "";
        iv.Findings.Clear();
        return iv;
    }

    private static MunicipalityRules Content(MunicipalityRules stored)
    {
        var rules = stored.Clone();
        rules.VersionId = "";
        rules.Revision = 0;
        rules.Findings.Clear();
        return rules;
    }
}

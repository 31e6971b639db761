using System.Security.Cryptography;
using Google.Protobuf;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// The Catalog's writes: each validates with the pure rules, then runs in one transaction under a
/// new revision, then hands the rows it wrote to the cache so watchers see them at once.
/// </summary>
public sealed class CatalogWriter(CatalogStore store, CatalogCache cache, TimeProvider clock)
{
    /// <summary>Fields an update may set (AIP-134); the rest are identity or output only.</summary>
    public static readonly IReadOnlySet<string> UpdatableFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "display_name", "content", "target_group", "access", "kind", "conditions", "suitable_from_15_without_consent", "suitability_source",
        "max_sessions", "delivery", "intensity_level", "documentation_basis", "special_grounds", "follow_up_mode",
        "committee_decision_reference", "valid_from", "valid_to", "source_reference",
    };

    public async Task<Intervention> CreateAsync(string code, string id, Intervention input, string requestId, CancellationToken ct)
    {
        var iv = input.Clone();
        iv.Name = CatalogNames.Intervention(code, id);
        EnsureValid(iv, "intervention.");
        var hash = Hash(input, id);

        var created = await WriteAsync(code, async w =>
        {
            if (await Replayed<CreateInterventionResponse>(w, requestId, "CreateIntervention", hash) is { } replay)
            {
                return (replay.Intervention, false);
            }

            var period = InterventionRules.Period(iv);
            var siblings = await w.CurrentVersionsAsync(id);
            if (siblings.Any(s => InterventionRules.Overlaps(period, PeriodOf(s))))
            {
                throw Problems.AlreadyExists("Insatsen har redan en version som gäller under en överlappande period.");
            }

            var row = CatalogRows.ToRow(id, NewVersionId(), iv);
            await w.PutVersionAsync(row);
            var result = CatalogRows.ToIntervention(code, row);
            w.Touch(result.Name, result.CommitteeDecisionReference);
            await w.LogRequestAsync(requestId, "CreateIntervention", hash, new CreateInterventionResponse { Intervention = result }.ToByteArray(), clock.GetUtcNow());
            return (result, true);
        }, ct);
        return created;
    }

    public async Task<Intervention> UpdateAsync(string code, string id, Intervention patch, IReadOnlyList<string> paths, CancellationToken ct)
    {
        var updated = await WriteAsync(code, async w =>
        {
            var current = (await w.CurrentVersionsAsync(id)).ToList();
            var target = current.FirstOrDefault(r => CatalogRows.Etag(r.Revision, r.VersionId) == patch.Etag);
            if (target is null)
            {
                throw current.Count == 0
                    ? Problems.NotFound("Insatsen")
                    : Problems.Aborted("Etag stämmer inte med någon gällande version: läs insatsen igen och försök på nytt.");
            }

            var iv = CatalogRows.ToIntervention(code, target);
            foreach (var path in paths)
            {
                var field = Intervention.Descriptor.FindFieldByName(path);
                var value = field.Accessor.GetValue(patch);
                if (field.FieldType == Google.Protobuf.Reflection.FieldType.Message && !field.IsRepeated && value is null)
                {
                    field.Accessor.Clear(iv);
                }
                else
                {
                    field.Accessor.SetValue(iv, value);
                }
            }

            EnsureValid(iv, "intervention.");
            var period = InterventionRules.Period(iv);
            if (current.Any(s => s.VersionId != target.VersionId && InterventionRules.Overlaps(period, PeriodOf(s))))
            {
                throw Problems.AlreadyExists("Den nya perioden överlappar en annan version av insatsen.");
            }

            var row = CatalogRows.ToRow(id, target.VersionId, iv);
            await w.PutVersionAsync(row);
            return (Touched(w, CatalogRows.ToIntervention(code, row)), true);
        }, ct);
        return updated;
    }

    public async Task<Intervention> RetireAsync(string code, string id, DateOnly lastDay, string etag, CancellationToken ct)
    {
        var retired = await WriteAsync(code, async w =>
        {
            var current = await w.CurrentVersionsAsync(id);
            var target = current.FirstOrDefault(r => InterventionRules.InForce(PeriodOf(r).From, PeriodOf(r).To, lastDay))
                ?? throw Problems.NotFound("En version av insatsen som gäller den sista dagen");
            if (etag.Length > 0 && CatalogRows.Etag(target.Revision, target.VersionId) != etag)
            {
                throw Problems.Aborted("Etag stämmer inte: läs insatsen igen och försök på nytt.");
            }

            var iv = CatalogRows.ToIntervention(code, target);
            iv.ValidTo = lastDay.ToProto();
            var row = CatalogRows.ToRow(id, target.VersionId, iv);
            await w.PutVersionAsync(row);
            return (Touched(w, CatalogRows.ToIntervention(code, row)), true);
        }, ct);
        return retired;
    }

    /// <summary>One write in one transaction; once committed, the cache takes the rows as written (no reload of the kommun).</summary>
    private async Task<T> WriteAsync<T>(string code, Func<CatalogWrite, Task<(T Result, bool Changed)>> work, CancellationToken ct)
    {
        CatalogWrite? written = null;
        var result = await store.WriteAsync(code, w =>
        {
            written = w;
            return work(w);
        }, ct);
        if (written is { Committed: true })
        {
            await cache.AppliedAsync(code, written, ct);
        }

        return result;
    }

    private static Intervention Touched(CatalogWrite w, Intervention changed)
    {
        w.Touch(changed.Name, changed.CommitteeDecisionReference);
        return changed;
    }

    /// <summary>Checks a catalog file as an import would, and gives its insatser as they would be written. Writes nothing.</summary>
    public async Task<(ImportReport Report, IReadOnlyList<Intervention> Draft)> ValidateAsync(string code, string content, CancellationToken ct)
    {
        var (file, report) = Check(code, content);
        var draft = file is null || file.MunicipalityCode != code ? [] : file.Interventions.Select(e => e.Intervention).ToList();
        if (file is null || !report.Valid)
        {
            return (report, draft);
        }

        var snapshot = await cache.GetAsync(code, ct);
        var plan = Plan(file, snapshot.Versions, snapshot.Rules, report);
        report.Valid = report.Errors.Count == 0;
        report.Created = plan.Count(p => p.IsNew);
        report.Updated = plan.Count(p => !p.IsNew && p.Changed);
        report.Unchanged = plan.Count(p => !p.Changed);
        return (report, draft);
    }

    /// <summary>Imports a whole catalog file in one transaction: all of it or nothing.</summary>
    public async Task<ImportReport> ImportAsync(string code, string content, string requestId, CancellationToken ct)
    {
        var (file, report) = Check(code, content);
        if (file is null || !report.Valid)
        {
            throw ReportError(report);
        }

        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
        var result = await WriteAsync(code, async w =>
        {
            if (requestId.Length > 0 && await Replayed<ImportCatalogResponse>(w, requestId, "ImportCatalog", hash) is { } replay)
            {
                return (replay.Report, false);
            }

            var versions = (await w.CurrentVersionsAsync()).Select(r => CatalogRows.ToIntervention(code, r)).ToList();
            var rules = (await w.CurrentRulesAsync()).Select(r => CatalogRows.ToRules(code, r)).ToList();
            var plan = Plan(file, versions, rules, report);
            if (report.Errors.Count > 0)
            {
                report.Valid = false;
                throw ReportError(report);
            }

            foreach (var step in plan.Where(p => p.Changed))
            {
                if (step.Intervention is not null)
                {
                    await w.PutVersionAsync(CatalogRows.ToRow(step.Id, step.VersionId, step.Intervention));
                }
                else
                {
                    await w.PutRulesAsync(CatalogRows.ToRow(step.VersionId, step.Rules!));
                }
            }

            var changed = plan.Any(p => p.Changed);
            report.Created = plan.Count(p => p.IsNew);
            report.Updated = plan.Count(p => !p.IsNew && p.Changed);
            report.Unchanged = plan.Count(p => !p.Changed);
            report.Revision = changed ? w.Revision : 0;
            if (requestId.Length > 0)
            {
                if (!changed)
                {
                    // Only the request log is written: the catalog did not change, so it keeps its revision
                    // (a revision without rows woke every watcher for nothing).
                    await w.ReleaseRevisionAsync();
                }

                await w.LogRequestAsync(requestId, "ImportCatalog", hash, new ImportCatalogResponse { Report = report }.ToByteArray(), clock.GetUtcNow());
                changed = true;
            }

            if (changed)
            {
                w.Touch(CatalogNames.Municipality(code), string.Join("; ", report.CommitteeDecisionReferences));
            }

            return (report, changed);
        }, ct);
        return result;
    }

    private sealed record Step(string Id, string VersionId, Intervention? Intervention, MunicipalityRules? Rules, bool IsNew, bool Changed);

    /// <summary>
    /// Matches the file against the current versions by (insats, first day): same content is
    /// unchanged, other content updates that version, anything else is new and must not overlap.
    /// </summary>
    private static List<Step> Plan(CatalogFile file, IReadOnlyList<Intervention> versions, IReadOnlyList<MunicipalityRules> rules, ImportReport report)
    {
        var steps = new List<Step>();
        foreach (var entry in file.Interventions)
        {
            var iv = entry.Intervention;
            var period = InterventionRules.Period(iv);
            var same = versions.Where(v => v.Name == iv.Name).ToList();
            var match = same.FirstOrDefault(v => InterventionRules.Period(v).From == period.From);
            var others = same.Where(v => v != match).ToList();
            var clash = others.FirstOrDefault(v => InterventionRules.Overlaps(period, InterventionRules.Period(v)))
                ?? file.Interventions.Where(e => e != entry && e.Intervention.Name == iv.Name)
                    .Select(e => e.Intervention).FirstOrDefault(v => InterventionRules.Overlaps(period, InterventionRules.Period(v)));
            if (clash is not null)
            {
                report.Errors.Add(new ImportIssue
                {
                    InterventionId = entry.Id,
                    Field = $"interventions[{entry.Index}].valid_from",
                    Message = "Perioden överlappar en annan version av samma insats.",
                });
                continue;
            }

            if (match is null)
            {
                steps.Add(new Step(entry.Id, NewVersionId(), iv, null, IsNew: true, Changed: true));
            }
            else
            {
                steps.Add(new Step(entry.Id, match.VersionId, iv, null, IsNew: false, Changed: !SameContent(match, iv)));
                if (InterventionRules.RulesChangedUnderSameDecision(match, iv) is { } what)
                {
                    report.Findings.Add(new ImportIssue
                    {
                        InterventionId = entry.Id,
                        Field = $"interventions[{entry.Index}].committee_decision_reference",
                        Message = $"{what} ändras, men nämndbeslutet som anges är detsamma som förut. En ändrad regel kräver ett nämndbeslut: ange det nya beslutet.",
                    });
                }
            }
        }

        if (file.Rules is { } fileRules)
        {
            var from = fileRules.ValidFrom.ToDateOnly("rules.valid_from");
            var match = rules.FirstOrDefault(r => r.ValidFrom.ToDateOnly("valid_from") == from);
            var unchanged = match is not null && SameRules(match, fileRules);
            steps.Add(new Step("", match?.VersionId ?? NewVersionId(), null, fileRules, IsNew: match is null, Changed: !unchanged));
        }

        return steps;
    }

    private static (CatalogFile? File, ImportReport Report) Check(string code, string content)
    {
        var report = new ImportReport();
        var (file, errors) = CatalogFileReader.Read(content);
        report.Errors.AddRange(errors);
        if (file is null)
        {
            report.Valid = false;
            return (null, report);
        }

        report.CommitteeDecisionReferences.AddRange(file.Interventions.Select(e => e.Intervention.CommitteeDecisionReference).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal));
        if (file.MunicipalityCode != code)
        {
            report.Errors.Add(new ImportIssue { Field = "municipality.code", Message = "Filens kommun är inte anroparens kommun." });
        }

        foreach (var entry in file.Interventions)
        {
            var prefix = $"interventions[{entry.Index}].";
            report.Errors.AddRange(InterventionRules.Validate(entry.Intervention, prefix)
                .Select(p => new ImportIssue { InterventionId = entry.Id, Field = p.Field, Message = p.Description }));
            report.Errors.AddRange(InterventionRules.LegalProblems(entry.Intervention, prefix)
                .Select(p => new ImportIssue { InterventionId = entry.Id, Field = p.Subject, Paragraph = p.Paragraph, Message = p.Description }));
            report.Findings.AddRange(InterventionRules.Findings(entry.Intervention)
                .Select(f => new ImportIssue { InterventionId = entry.Id, Field = prefix + f.Field, Paragraph = f.Paragraph, Message = f.Message }));
        }

        if (file.Rules is { } rules)
        {
            report.Findings.AddRange(RulesFindings.Of(rules).Select(f => new ImportIssue { Field = f.Field, Paragraph = f.Paragraph, Message = f.Message }));
        }

        report.Valid = report.Errors.Count == 0;
        return (file, report);
    }

    private static void EnsureValid(Intervention iv, string prefix)
    {
        var fields = InterventionRules.Validate(iv, prefix);
        if (fields.Count > 0)
        {
            throw Problems.InvalidArgument(fields);
        }

        var legal = InterventionRules.LegalProblems(iv, prefix);
        if (legal.Count > 0)
        {
            throw Problems.FailedPrecondition(legal);
        }
    }

    private static Problem ReportError(ImportReport report)
    {
        var legal = report.Errors.Where(e => e.Paragraph.Length > 0)
            .Select(e => new RuleProblem(e.Paragraph, e.Field, e.Message)).ToList();
        var fields = report.Errors.Where(e => e.Paragraph.Length == 0)
            .Select(e => new FieldProblem(e.Field.Length > 0 ? e.Field : "content", e.Message)).ToList();
        return legal.Count > 0 ? Problems.FailedPrecondition(legal, fields) : Problems.InvalidArgument(fields);
    }

    private static async Task<T?> Replayed<T>(CatalogWrite w, string requestId, string method, string hash) where T : class, IMessage<T>, new() =>
        RequestLog.Replay<T>(await w.FindRequestAsync(requestId), method, hash);

    private static string Hash(Intervention input, string id)
    {
        var bytes = input.ToByteArray();
        return Convert.ToHexString(SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(id + "\n"), .. bytes]));
    }

    private static bool SameContent(Intervention stored, Intervention incoming)
    {
        var a = stored.Clone();
        a.VersionId = "";
        a.Revision = 0;
        a.Etag = "";
        a.Findings.Clear();
        return a.Equals(incoming);
    }

    private static bool SameRules(MunicipalityRules stored, MunicipalityRules incoming)
    {
        var a = stored.Clone();
        a.VersionId = "";
        a.Revision = 0;
        a.Findings.Clear();
        return a.Equals(incoming);
    }

    private static (DateOnly From, DateOnly? To) PeriodOf(VersionRow row) =>
        (CivilDates.ParseIso(row.ValidFrom), row.ValidTo is null ? null : CivilDates.ParseIso(row.ValidTo));

    private static string NewVersionId() => Guid.NewGuid().ToString("N");
}

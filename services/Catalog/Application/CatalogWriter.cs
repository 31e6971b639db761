using System.Security.Cryptography;
using Google.Protobuf;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Data;
using Socialtjanst.Errors;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// The Catalog's writes: each validates with the pure rules, is planned against the cached catalog into a
/// <see cref="ChangeDraft"/>, commits in one transaction under the next revision, and goes to the cache as the
/// change it made, so watchers see it at once.
/// </summary>
public sealed partial class CatalogWriter(CatalogStore store, CatalogCache cache, TimeProvider clock)
{
    /// <summary>Fields an update may set (AIP-134); the rest are identity or output only.</summary>
    public static readonly IReadOnlySet<string> UpdatableFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "display_name", "content", "target_group", "access", "kind", "conditions", "suitable_from_15_without_consent", "suitability_source",
        "max_sessions", "delivery", "intensity_level", "documentation_basis", "special_grounds", "follow_up_mode",
        "committee_decision_reference", "valid_from", "valid_to", "source_reference",
    };

    /// <summary>How many times a write is planned again when other writes to its kommun commit first.</summary>
    public const int Attempts = 8;

    public Task<Intervention> CreateAsync(string code, string id, Intervention input, string requestId, IWriteJournal? journal, CancellationToken ct)
    {
        var iv = input.Clone();
        iv.Name = CatalogNames.Intervention(code, id);
        EnsureValid(iv, "intervention.");
        var hash = Hash(input, id);

        return CommitAsync(code, journal, async (snapshot, draft) =>
        {
            if (await ReplayedAsync<CreateInterventionResponse>(code, requestId, "CreateIntervention", hash, ct) is { } replay)
            {
                return replay.Intervention;
            }

            var period = InterventionRules.Period(iv);
            if (VersionsOf(snapshot, iv.Name).Any(s => InterventionRules.Overlaps(period, InterventionRules.Period(s))))
            {
                throw Problems.AlreadyExists("Insatsen har redan en version som gäller under en överlappande period.");
            }

            var result = draft.Put(id, NewVersionId(), iv);
            draft.Touch(result.Name, result.CommitteeDecisionReference);
            draft.Answer(requestId, "CreateIntervention", hash, new CreateInterventionResponse { Intervention = result });
            return result;
        }, ct);
    }

    public Task<Intervention> UpdateAsync(string code, string id, Intervention patch, IReadOnlyList<string> paths, IWriteJournal? journal, CancellationToken ct) =>
        CommitAsync(code, journal, (snapshot, draft) =>
        {
            var current = VersionsOf(snapshot, CatalogNames.Intervention(code, id));
            var target = current.FirstOrDefault(v => v.Etag == patch.Etag);
            if (target is null)
            {
                throw current.Count == 0
                    ? Problems.NotFound("Insatsen")
                    : Problems.Aborted("Etag stämmer inte med någon gällande version: läs insatsen igen och försök på nytt.");
            }

            var iv = target.Clone();
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
            if (current.Any(s => s.VersionId != target.VersionId && InterventionRules.Overlaps(period, InterventionRules.Period(s))))
            {
                throw Problems.AlreadyExists("Den nya perioden överlappar en annan version av insatsen.");
            }

            return Task.FromResult(Touched(draft, draft.Put(id, target.VersionId, iv)));
        }, ct);

    public Task<Intervention> RetireAsync(string code, string id, DateOnly lastDay, string etag, IWriteJournal? journal, CancellationToken ct) =>
        CommitAsync(code, journal, (snapshot, draft) =>
        {
            var target = VersionsOf(snapshot, CatalogNames.Intervention(code, id)).FirstOrDefault(v => InterventionRules.InForce(InterventionRules.Period(v).From, InterventionRules.Period(v).To, lastDay))
                ?? throw Problems.NotFound("En version av insatsen som gäller den sista dagen");
            if (etag.Length > 0 && target.Etag != etag)
            {
                throw Problems.Aborted("Etag stämmer inte: läs insatsen igen och försök på nytt.");
            }

            var iv = target.Clone();
            iv.ValidTo = lastDay.ToProto();
            return Task.FromResult(Touched(draft, draft.Put(id, target.VersionId, iv)));
        }, ct);

    /// <summary>
    /// One write, one way: planned against the cached catalog, committed by the store in one transaction under the
    /// next revision, then handed to the cache as the change it made (no read of the kommun afterwards). When
    /// another write to the kommun (this instance's or another's) commits first, the cache catches up and the write
    /// is planned again against it, so every check it makes holds at its commit; after <see cref="Attempts"/> tries it
    /// is ABORTED.
    /// </summary>
    private async Task<T> CommitAsync<T>(string code, IWriteJournal? journal, Func<CatalogSnapshot, ChangeDraft, Task<T>> plan, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await cache.GetAsync(code, ct);
            var draft = new ChangeDraft(code, snapshot.Revision, journal, clock.GetUtcNow());
            T result;
            try
            {
                result = await plan(snapshot, draft);
            }
            catch (Problem) when (attempt < Attempts)
            {
                // Refused against this instance's copy (no such insats yet, an etag it has not seen, an overlap): if
                // another instance wrote since, the write is planned again against what it wrote; if not, it stands.
                if ((await cache.CatchUpAsync(code, ct)).Revision > snapshot.Revision)
                {
                    continue;
                }

                throw;
            }

            try
            {
                await store.CommitAsync(draft.Commit, ct);
            }
            catch (Exception ex) when (attempt < Attempts && (ex is CatalogMovedOnException || DbConnectionFactory.IsUniqueViolation(ex)))
            {
                // Another write came first (or, for an import that changed nothing, logged the same request id first).
                await cache.CatchUpAsync(code, ct);
                continue;
            }
            catch (CatalogMovedOnException)
            {
                throw Problems.Aborted("Katalogen ändrades av andra skrivningar under tiden: försök igen.");
            }

            if (draft.Change is { } change)
            {
                await cache.AppendAsync(code, change, ct);
            }

            return result;
        }
    }

    private static IReadOnlyList<Intervention> VersionsOf(CatalogSnapshot snapshot, string name) =>
        snapshot.Versions.Where(v => v.Name == name).ToList();

    private static Intervention Touched(ChangeDraft draft, Intervention changed)
    {
        draft.Touch(changed.Name, changed.CommitteeDecisionReference);
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
        Locate(report, content);
        report.Created = plan.Count(p => p.IsNew);
        report.Updated = plan.Count(p => !p.IsNew && p.Changed);
        report.Unchanged = plan.Count(p => !p.Changed);
        return (report, draft);
    }

    /// <summary>Imports a whole catalog file in one transaction: all of it or nothing.</summary>
    public async Task<ImportReport> ImportAsync(string code, string content, string requestId, IWriteJournal? journal, CancellationToken ct)
    {
        var (file, checkedReport) = Check(code, content);
        if (file is null || !checkedReport.Valid)
        {
            throw ReportError(checkedReport);
        }

        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
        return await CommitAsync(code, journal, async (snapshot, draft) =>
        {
            if (requestId.Length > 0 && await ReplayedAsync<ImportCatalogResponse>(code, requestId, "ImportCatalog", hash, ct) is { } replay)
            {
                return replay.Report;
            }

            var report = checkedReport.Clone(); // planned again from the file's check when another write came first
            var plan = Plan(file, snapshot.Versions, snapshot.Rules, report);
            if (report.Errors.Count > 0)
            {
                report.Valid = false;
                throw ReportError(report);
            }

            foreach (var step in plan.Where(p => p.Changed))
            {
                if (step.Intervention is not null)
                {
                    draft.Put(step.Id, step.VersionId, step.Intervention);
                }
                else
                {
                    draft.Put(step.VersionId, step.Rules!);
                }
            }

            var changed = plan.Any(p => p.Changed);
            report.Created = plan.Count(p => p.IsNew);
            report.Updated = plan.Count(p => !p.IsNew && p.Changed);
            report.Unchanged = plan.Count(p => !p.Changed);
            report.Revision = changed ? draft.Revision : 0;
            if (changed || requestId.Length > 0)
            {
                draft.Touch(CatalogNames.Municipality(code), string.Join("; ", report.CommitteeDecisionReferences));
            }

            if (requestId.Length > 0)
            {
                // An import that changed nothing writes only its answer; the catalog keeps its revision.
                draft.Answer(requestId, "ImportCatalog", hash, new ImportCatalogResponse { Report = report });
            }

            return report;
        }, ct);
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
                report.Changes.Add(new ImportChange { InterventionId = entry.Id, DisplayName = iv.DisplayName, Created = true, ValidFrom = iv.ValidFrom });
            }
            else
            {
                steps.Add(new Step(entry.Id, match.VersionId, iv, null, IsNew: false, Changed: !SameContent(match, iv)));
                if (!SameContent(match, iv))
                {
                    report.Changes.Add(new ImportChange
                    {
                        InterventionId = entry.Id, DisplayName = iv.DisplayName, ValidFrom = iv.ValidFrom, Before = match,
                        ChangedFields = { CatalogHistory.ChangedFields(match, iv) },
                    });
                }

                if (InterventionRules.RulesChangedUnderSameDecision(match, iv) is { } what)
                {
                    report.Findings.Add(new ImportIssue
                    {
                        InterventionId = entry.Id,
                        Code = "rules-changed-under-same-decision",
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
            Locate(report, content);
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
                .Select(f => new ImportIssue { InterventionId = entry.Id, Field = prefix + f.Field, Paragraph = f.Paragraph, Message = f.Message, Code = f.Code }));
        }

        if (file.Rules is { } rules)
        {
            report.Findings.AddRange(RulesFindings.Of(rules).Select(f => new ImportIssue { Field = f.Field, Paragraph = f.Paragraph, Message = f.Message, Code = f.Code }));
        }

        report.Valid = report.Errors.Count == 0;
        Locate(report, content);
        return (file, report);
    }

    /// <summary>Puts the file's line on every issue whose place the file has.</summary>
    private static void Locate(ImportReport report, string content)
    {
        var lineOf = CatalogFileLines.Of(content);
        foreach (var issue in report.Errors.Concat(report.Findings).Where(i => i.Line == 0))
        {
            issue.Line = lineOf(issue.Field);
        }
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

    private async Task<T?> ReplayedAsync<T>(string code, string requestId, string method, string hash, CancellationToken ct) where T : class, IMessage<T>, new() =>
        RequestLog.Replay<T>(await store.FindRequestAsync(code, requestId, ct), method, hash);

    private static string Hash(Intervention input, string id)
    {
        var bytes = input.ToByteArray();
        return Convert.ToHexString(SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(id + "\n"), .. bytes]));
    }

    private static bool SameContent(Intervention stored, Intervention incoming) => Content(stored).Equals(incoming);

    private static bool SameRules(MunicipalityRules stored, MunicipalityRules incoming) => Content(stored).Equals(incoming);

    private static string NewVersionId() => Guid.NewGuid().ToString("N");
}

using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>
/// A nämnd's draft from start to undo, over gRPC: the catalog of a day downloaded as a file, read back to the same
/// versions and imported unchanged as no change; an edit shown per insats and field before it is confirmed (with the
/// file's line for each problem); and a revert to the revision before it.
/// </summary>
public sealed class CatalogDraftCycleTests : IAsyncLifetime
{
    private static readonly Type.V1.Date Autumn = D.Of(2025, 10, 1);

    private CatalogHost host = null!;

    public async Task InitializeAsync() => host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static TheoryData<string, int, int, int> Days() => new()
    {
        { "2514", 2025, 10, 1 }, { "2514", 2025, 3, 1 }, { "1489", 2025, 10, 1 }, { "9999", 2026, 1, 15 },
    };

    /// <summary>What a write keeps of a version: without what the store sets on it.</summary>
    private static Intervention Content(Intervention stored)
    {
        var iv = stored.Clone();
        iv.VersionId = "";
        iv.Revision = 0;
        iv.Etag = "";
        iv.Findings.Clear();
        return iv;
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task TheCatalogOfADay_DownloadsAsAFile_ThatReadsBackToTheSameVersions_AndImportsAsNoChange(string code, int year, int month, int day)
    {
        var client = host.ClientFor(code);
        var asOf = D.Of(year, month, day);
        var export = await client.ExportCatalogAsync(new ExportCatalogRequest { Parent = $"municipalities/{code}", AsOf = asOf });
        Assert.EndsWith($"{year:0000}-{month:00}-{day:00}.yaml", export.FileName, StringComparison.Ordinal);
        var inForce = (await client.ListInterventionsAsync(new ListInterventionsRequest { Parent = $"municipalities/{code}", AsOf = asOf, PageSize = 200 })).Interventions;
        var rules = (await client.GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest { Name = $"municipalities/{code}/rules", AsOf = asOf })).Rules;

        // Read by the file reader, not by the code that wrote it: the same versions, field for field.
        var (file, errors) = CatalogFileReader.Read(export.Content);
        Assert.Empty(errors);
        Assert.Equal(inForce.Select(Content).OrderBy(v => v.Name, StringComparer.Ordinal), file!.Interventions.Select(e => e.Intervention).OrderBy(v => v.Name, StringComparer.Ordinal));
        var fileRules = file.Rules!.Clone();
        var expectedRules = rules.Clone();
        expectedRules.VersionId = "";
        expectedRules.Revision = 0;
        expectedRules.Findings.Clear();
        Assert.Equal(expectedRules, fileRules);

        var validated = (await client.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = $"municipalities/{code}", Content = export.Content })).Report;
        Assert.True(validated.Valid, string.Join("; ", validated.Errors.Select(e => $"{e.Field}: {e.Message}")));
        Assert.Equal((0, 0, inForce.Count + 1), (validated.Created, validated.Updated, validated.Unchanged));
        Assert.Empty(validated.Changes);
        var imported = (await client.ImportCatalogAsync(new ImportCatalogRequest { Parent = $"municipalities/{code}", Content = export.Content })).Report;
        Assert.Equal(0, imported.Revision); // nothing written
    }

    [Fact]
    public async Task ADayWithNothingInForce_IsNotFound_AndAnotherKommunsCatalogIsNotExported()
    {
        var kalix = host.ClientFor("2514");
        var none = await Assert.ThrowsAsync<RpcException>(() => kalix.ExportCatalogAsync(new ExportCatalogRequest { Parent = "municipalities/2514", AsOf = D.Of(1990, 1, 1) }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        var other = await Assert.ThrowsAsync<RpcException>(() => kalix.ExportCatalogAsync(new ExportCatalogRequest { Parent = "municipalities/1489", AsOf = Autumn }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
    }

    [Fact]
    public async Task AnEdit_IsShownPerInsatsAndField_WithLinesAndWarnings_Imported_ThenReverted()
    {
        var kalix = host.ClientFor("2514");
        var before = await kalix.ExportCatalogAsync(new ExportCatalogRequest { Parent = "municipalities/2514", AsOf = Autumn });
        var startRevision = before.Revision;

        // The age limit of BRA-samtal changed under the same nämnd decision, its quote left saying 7-18.
        var lines = before.Content.Split('\n').ToList();
        var bra = lines.FindIndex(l => l.Contains("id: bra-samtal", StringComparison.Ordinal));
        var age = lines.FindIndex(bra, l => l.Contains("min: 7", StringComparison.Ordinal));
        lines[age] = lines[age].Replace("min: 7", "min: 9", StringComparison.Ordinal);
        var edited = string.Join('\n', lines);
        var report = (await kalix.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/2514", Content = edited })).Report;
        Assert.True(report.Valid);
        var change = Assert.Single(report.Changes);
        Assert.Equal(("bra-samtal", "BRA-samtal", false), (change.InterventionId, change.DisplayName, change.Created));
        Assert.Equal(["conditions"], change.ChangedFields);
        Assert.Equal(7, Leaves(change.Before.Conditions).First(c => c.KindCase == Condition.KindOneofCase.Age).Age.MinYears);
        var sameDecision = Assert.Single(report.Findings, f => f.InterventionId == "bra-samtal" && f.Field.EndsWith("committee_decision_reference", StringComparison.Ordinal));
        Assert.True(sameDecision.Line > bra, "the warning points into the insats");
        var quote = Assert.Single(report.Findings, f => f.InterventionId == "bra-samtal" && f.Field.Contains("conditions", StringComparison.Ordinal) && f.Message.Contains("7", StringComparison.Ordinal));
        Assert.InRange(quote.Line, bra + 1, age + 3);

        // A broken file names the line of the field.
        var broken = edited.Replace("min: 9", "min: nio", StringComparison.Ordinal);
        var error = Assert.Single((await kalix.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/2514", Content = broken })).Report.Errors);
        Assert.Equal(age + 1, error.Line);

        var imported = (await kalix.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/2514", Content = edited, RequestId = Guid.NewGuid().ToString() })).Report;
        Assert.True(imported.Revision > startRevision);
        var now = (await kalix.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/2514/interventions/bra-samtal", AsOf = Autumn })).Intervention;
        Assert.Equal(9, Leaves(now.Conditions).First(c => c.KindCase == Condition.KindOneofCase.Age).Age.MinYears);

        // Undo: back to the revision before the import, in one new revision; a retry gets the same answer.
        var requestId = Guid.NewGuid().ToString();
        var reverted = await kalix.RevertCatalogAsync(new RevertCatalogRequest { Parent = "municipalities/2514", Revision = startRevision, RequestId = requestId });
        Assert.Equal(["municipalities/2514/interventions/bra-samtal"], reverted.Restored);
        Assert.True(reverted.Revision > imported.Revision);
        Assert.Equal(reverted, await kalix.RevertCatalogAsync(new RevertCatalogRequest { Parent = "municipalities/2514", Revision = startRevision, RequestId = requestId }));
        var after = await kalix.ExportCatalogAsync(new ExportCatalogRequest { Parent = "municipalities/2514", AsOf = Autumn });
        Assert.Equal(Body(before.Content), Body(after.Content));
        var history = new CatalogHistoryService.CatalogHistoryServiceClient(Hosts.Authorized(host.Channel(), host.Token("2514", "catalog.read")));
        var diff = await history.DiffCatalogAsync(new DiffCatalogRequest { Parent = "municipalities/2514", FromRevision = startRevision, ToRevision = reverted.Revision });
        Assert.Empty(diff.Changes);
        var writes = await history.ListCatalogRevisionsAsync(new ListCatalogRevisionsRequest { Parent = "municipalities/2514", PageSize = 2 });
        Assert.Equal(["RevertCatalog", "ImportCatalog"], writes.Revisions.Select(r => r.Method));

        // Reverting to the same revision again changes nothing.
        Assert.Equal(0, (await kalix.RevertCatalogAsync(new RevertCatalogRequest { Parent = "municipalities/2514", Revision = startRevision })).Revision);
    }

    [Fact]
    public async Task ARevertPastAVersionWrittenLater_IsRefused_NamingIt_AndABadRevisionIsNamed()
    {
        var kalix = host.ClientFor("2514");
        var start = (await kalix.ExportCatalogAsync(new ExportCatalogRequest { Parent = "municipalities/2514", AsOf = Autumn })).Revision;
        await kalix.CreateInterventionAsync(new CreateInterventionRequest { Parent = "municipalities/2514", InterventionId = "nytt-samtal", RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling(id: "nytt-samtal") });
        var refused = await Assert.ThrowsAsync<RpcException>(() => kalix.RevertCatalogAsync(new RevertCatalogRequest { Parent = "municipalities/2514", Revision = start }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("Testsamtal", refused.Status.Detail, StringComparison.Ordinal);
        foreach (var bad in new long[] { 0, 1_000_000 })
        {
            var invalid = await Assert.ThrowsAsync<RpcException>(() => kalix.RevertCatalogAsync(new RevertCatalogRequest { Parent = "municipalities/2514", Revision = bad }).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
            Assert.Contains("revision", invalid.Status.Detail, StringComparison.Ordinal);
        }

        var reader = new CatalogService.CatalogServiceClient(Hosts.Authorized(host.Channel(), host.Token("2514", "catalog.read")));
        var denied = await Assert.ThrowsAsync<RpcException>(() => reader.RevertCatalogAsync(new RevertCatalogRequest { Parent = "municipalities/2514", Revision = start }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    /// <summary>The file without its header (which names the revision it was read from).</summary>
    private static string Body(string content) => string.Join('\n', content.Split('\n').Where(l => !l.StartsWith('#')));

    private static IEnumerable<Condition> Leaves(Condition? c) => c?.KindCase switch
    {
        null or Condition.KindOneofCase.None => [],
        Condition.KindOneofCase.All => c.All.Conditions.SelectMany(Leaves),
        Condition.KindOneofCase.Any => c.Any.Conditions.SelectMany(Leaves),
        Condition.KindOneofCase.Not => Leaves(c.Not),
        _ => [c],
    };
}

using Google.Protobuf.WellKnownTypes;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>The catalog's history over gRPC: every version of an insats with who, when, how and on which nämnd decision; diffs.</summary>
public sealed class CatalogHistoryTests : IAsyncLifetime
{
    private CatalogHost host = null!;

    public async Task InitializeAsync() => host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private CatalogHistoryService.CatalogHistoryServiceClient History(string code = "2514") =>
        new(Hosts.Authorized(host.Channel(), host.Token(code, "catalog.read")));

    private async Task<(Intervention Created, Intervention Updated, Intervention Retired)> WriteThreeTimesAsync(string id)
    {
        var kalix = host.ClientFor("2514");
        var created = (await kalix.CreateInterventionAsync(new CreateInterventionRequest { Parent = "municipalities/2514", InterventionId = id, RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling(id: id) })).Intervention;
        var patch = created.Clone();
        patch.DisplayName = "Samtal, nytt namn";
        patch.CommitteeDecisionReference = "SN 2025-10-02 § 7";
        var updated = (await kalix.UpdateInterventionAsync(new UpdateInterventionRequest { Intervention = patch, UpdateMask = new FieldMask { Paths = { "display_name", "committee_decision_reference" } } })).Intervention;
        var retired = (await kalix.RetireInterventionAsync(new RetireInterventionRequest { Name = created.Name, LastDay = D.Of(2026, 6, 30), Etag = updated.Etag })).Intervention;
        return (created, updated, retired);
    }

    [Fact]
    public async Task AnInsatsHistory_IsEveryWrite_NewestFirst_WithWhoWhenHowAndTheNamndDecision()
    {
        var (created, updated, retired) = await WriteThreeTimesAsync("historik-samtal");
        var page = await History().ListInterventionRevisionsAsync(new ListInterventionRevisionsRequest { Name = created.Name });

        Assert.Equal(["RetireIntervention", "UpdateIntervention", "CreateIntervention"], page.Revisions.Select(r => r.Method));
        Assert.Equal([retired.Revision, updated.Revision, created.Revision], page.Revisions.Select(r => r.Revision));
        Assert.Equal([retired, updated, created], page.Revisions.Select(r => r.Version));
        Assert.Equal(["SN 2025-10-02 § 7", "SN 2025-10-02 § 7", "SN 2025-06-12 § 42"], page.Revisions.Select(r => r.Version.CommitteeDecisionReference));
        Assert.Equal([false, true, true], page.Revisions.Select(r => r.Superseded));
        Assert.All(page.Revisions, r =>
        {
            Assert.StartsWith("ps:", r.WrittenBy, StringComparison.Ordinal); // the access log's pseudonym
            Assert.DoesNotContain("test-2514", r.WrittenBy, StringComparison.Ordinal); // never the subject as given
            Assert.InRange(r.WriteTime.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        });
        Assert.Single(page.Revisions.Select(r => r.WrittenBy).Distinct());

        // A page at a time, the same writes.
        var seen = new List<long>();
        var token = "";
        do
        {
            var one = await History().ListInterventionRevisionsAsync(new ListInterventionRevisionsRequest { Name = created.Name, PageSize = 1, PageToken = token });
            seen.AddRange(one.Revisions.Select(r => r.Revision));
            token = one.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(page.Revisions.Select(r => r.Revision), seen);

        // The seeded versions were written by the import at start.
        var seeded = await History().ListInterventionRevisionsAsync(new ListInterventionRevisionsRequest { Name = "municipalities/2514/interventions/bra-samtal" });
        Assert.All(seeded.Revisions, r => Assert.Equal(("Seed", "system"), (r.Method, r.WrittenBy)));
    }

    [Fact]
    public async Task TheCatalogsHistory_ListsEveryWrite_WithWhatItChanged_NewestFirst_APageAtATime()
    {
        var (created, updated, retired) = await WriteThreeTimesAsync("katalog-historik");
        var changed = SeedFiles.Read(SeedFiles.Kalix2025).Replace("follow_up_interval_months: 6", "follow_up_interval_months: 4", StringComparison.Ordinal);
        var import = (await host.ClientFor("2514").ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/2514", Content = changed })).Report;

        var page = await History().ListCatalogRevisionsAsync(new ListCatalogRevisionsRequest { Parent = "municipalities/2514", PageSize = 4 });
        Assert.Equal([import.Revision, retired.Revision, updated.Revision, created.Revision], page.Revisions.Select(r => r.Revision));
        Assert.Equal(["ImportCatalog", "RetireIntervention", "UpdateIntervention", "CreateIntervention"], page.Revisions.Select(r => r.Method));
        Assert.Equal((true, 0), (page.Revisions[0].RulesChanged, page.Revisions[0].Interventions.Count)); // the import changed the rules only
        Assert.All(page.Revisions.Skip(1), r => Assert.Equal([created.Name], r.Interventions));
        Assert.Equal(["SN 2025-06-12 § 42"], page.Revisions[3].CommitteeDecisionReferences);
        Assert.All(page.Revisions, r => Assert.StartsWith("ps:", r.WrittenBy, StringComparison.Ordinal));

        // The next page goes on to the seed import at start; the last page has no token.
        var rest = await History().ListCatalogRevisionsAsync(new ListCatalogRevisionsRequest { Parent = "municipalities/2514", PageToken = page.NextPageToken, PageSize = 200 });
        Assert.NotEmpty(rest.Revisions);
        Assert.All(rest.Revisions, r => Assert.True(r.Revision < created.Revision));
        Assert.Contains(rest.Revisions, r => r.Method == "Seed" && r.WrittenBy == "system" && r.Interventions.Contains("municipalities/2514/interventions/bra-samtal"));
        Assert.Empty(rest.NextPageToken);

        // Another kommun's history is not this caller's to read.
        var other = await Assert.ThrowsAsync<RpcException>(() => History("1489").ListCatalogRevisionsAsync(new ListCatalogRevisionsRequest { Parent = "municipalities/2514" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
    }

    [Fact]
    public async Task ADiff_BetweenRevisions_NamesWhatWasAddedAndWhichFieldsChanged()
    {
        var (created, _, retired) = await WriteThreeTimesAsync("diff-samtal");
        var added = await History().DiffCatalogAsync(new DiffCatalogRequest { Parent = "municipalities/2514", FromRevision = created.Revision - 1, ToRevision = created.Revision });
        var change = Assert.Single(added.Changes);
        Assert.Equal((ChangeKind.Added, created.Name), (change.Kind, change.Name));
        Assert.Equal(created, change.After);

        var since = await History().DiffCatalogAsync(new DiffCatalogRequest { Parent = "municipalities/2514", FromRevision = created.Revision });
        Assert.Equal(retired.Revision, since.ToRevision);
        var changed = Assert.Single(since.Changes);
        Assert.Equal(ChangeKind.Changed, changed.Kind);
        Assert.Equal(new[] { "committee_decision_reference", "display_name", "valid_to" }, changed.ChangedFields.Order(StringComparer.Ordinal));
        Assert.Equal(created, changed.Before);
        Assert.Equal(retired, changed.After);
    }

    [Fact]
    public async Task ADiff_BetweenDays_ComparesTheInsatserInForce()
    {
        var diff = await History().DiffCatalogAsync(new DiffCatalogRequest { Parent = "municipalities/2514", FromDate = D.Of(2025, 3, 1), ToDate = D.Of(2025, 10, 1) });
        Assert.NotEmpty(diff.Changes); // Kalix's guideline of 2001 and that of 2025
        Assert.All(diff.Changes, c =>
        {
            Assert.NotEqual(ChangeKind.Unspecified, c.Kind);
            Assert.True(c.Before is null || c.Before.ValidFrom.ToDateOnly() <= new DateOnly(2025, 3, 1));
            Assert.True(c.After is null || c.After.ValidFrom.ToDateOnly() <= new DateOnly(2025, 10, 1));
        });
        Assert.Empty((await History().DiffCatalogAsync(new DiffCatalogRequest { Parent = "municipalities/2514", FromDate = D.Of(2025, 10, 1), ToDate = D.Of(2025, 10, 1) })).Changes);
    }

    [Theory]
    [InlineData(5, 0, true, "from_date")]
    [InlineData(0, 0, false, "from_revision")]
    [InlineData(1, 1_000_000, false, "to_revision")]
    [InlineData(9, 3, false, "from_revision")]
    public async Task ABadDiff_IsInvalidArgument_NamingTheField(long from, long to, bool alsoDays, string field)
    {
        var request = new DiffCatalogRequest { Parent = "municipalities/2514", FromRevision = from, ToRevision = to };
        if (alsoDays)
        {
            (request.FromDate, request.ToDate) = (D.Of(2025, 1, 1), D.Of(2025, 2, 1));
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => History().DiffCatalogAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == field);
    }

    [Fact]
    public async Task AnotherKommunsHistory_IsRefused_AndAnUnknownInsatsIsNotFound()
    {
        var other = await Assert.ThrowsAsync<RpcException>(() => History("1489").ListInterventionRevisionsAsync(new ListInterventionRevisionsRequest { Name = "municipalities/2514/interventions/bra-samtal" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        var diff = await Assert.ThrowsAsync<RpcException>(() => History("1489").DiffCatalogAsync(new DiffCatalogRequest { Parent = "municipalities/2514", FromRevision = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, diff.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => History().ListInterventionRevisionsAsync(new ListInterventionRevisionsRequest { Name = "municipalities/2514/interventions/finns-inte" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}

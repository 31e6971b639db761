using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

public sealed class CatalogImportTests : IAsyncLifetime
{
    private CatalogHost host = null!;

    public async Task InitializeAsync() => host = await CatalogHost.StartAsync(seed: false);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private CatalogService.CatalogServiceClient Alingsas => host.ClientFor("1489");

    private static readonly string IllegalEntry = """

          - id: kontaktperson-direkt
            name: Kontaktperson
            access: direct
            kind: contact_person
            documentation: "14:3"
            follow_up: individual
            source_reference: test
        """;

    [Fact]
    public async Task Import_SeedFile_CreatesEveryInsats_AndAReplayChangesNothing()
    {
        var content = SeedFiles.Read(SeedFiles.Alingsas);
        var requestId = Guid.NewGuid().ToString();
        var first = (await Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = content, RequestId = requestId })).Report;
        Assert.True(first.Valid);
        Assert.Equal(22, first.Created);
        Assert.True(first.Revision > 0);

        var replay = (await Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = content, RequestId = requestId })).Report;
        Assert.Equal(first, replay);

        var again = (await Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = content })).Report;
        Assert.Equal((0, 0, 22, 0L), (again.Created, again.Updated, again.Unchanged, again.Revision));
    }

    [Fact]
    public async Task Import_FileWithOneIllegalInsats_IsRefusedWhole()
    {
        var content = SeedFiles.Read(SeedFiles.Alingsas) + IllegalEntry;
        var ex = await Assert.ThrowsAsync<RpcException>(() => Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = content }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations);
        Assert.Equal(("11 kap. 5 § SoL", "interventions[21].kind"), (violation.Type, violation.Subject));
        var list = await Alingsas.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/1489", AsOf = D.Of(2025, 10, 1) });
        Assert.Empty(list.Interventions);
        Assert.Equal(0, list.Revision);
    }

    [Fact]
    public async Task Validate_ReportsWhatImportWouldRefuse_AndWritesNothing()
    {
        var content = SeedFiles.Read(SeedFiles.Alingsas) + IllegalEntry;
        var report = (await Alingsas.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/1489", Content = content })).Report;
        Assert.False(report.Valid);
        Assert.Equal("kontaktperson-direkt", Assert.Single(report.Errors).InterventionId);

        var clean = (await Alingsas.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/1489", Content = SeedFiles.Read(SeedFiles.Alingsas) })).Report;
        Assert.True(clean.Valid);
        Assert.Equal(22, clean.Created);
        var list = await Alingsas.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/1489", AsOf = D.Of(2025, 10, 1) });
        Assert.Empty(list.Interventions);
    }

    [Fact]
    public async Task Validate_GuardianInformedWording_IsAFindingNotAnError()
    {
        var report = (await host.ClientFor("2514").ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/2514", Content = SeedFiles.Read(SeedFiles.Kalix2025) })).Report;
        Assert.True(report.Valid);
        Assert.Equal(["orossamtal", "ungdomsmottagning"], report.Findings.Where(f => f.Paragraph == "21 kap. 2 § SoL").Select(f => f.InterventionId).Order().ToArray());
    }

    [Fact]
    public async Task Validate_KalixsYearlyFollowUpForExtensiveNeeds_IsAFindingForTheNämnd_TheSixMonthsForAllApplied()
    {
        var report = (await host.ClientFor("2514").ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/2514", Content = SeedFiles.Read(SeedFiles.Kalix2025) })).Report;
        var finding = Assert.Single(report.Findings, f => f.Field == "rules.extensive_needs_follow_up_interval_months" && !f.Message.StartsWith("Tolkning", StringComparison.Ordinal));
        Assert.Contains("var 6:e månad", finding.Message, StringComparison.Ordinal);
        Assert.Contains("skyddar den enskilde", finding.Message, StringComparison.Ordinal);
        // The repealed act's rules (yearly for all) are not a contradiction.
        var old = (await host.ClientFor("2514").ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/2514", Content = SeedFiles.Read(SeedFiles.Kalix2001) })).Report;
        Assert.DoesNotContain(old.Findings, f => f.Field.StartsWith("rules.", StringComparison.Ordinal));
    }

    /// <summary>
    /// The guideline's doubts before the nämnd (issue 29): a reading the nämnd has not confirmed is a finding with its
    /// passage, in the validation and on every read; a quote that no longer matches its rule, and a rule changed under
    /// an unchanged nämnd decision, are findings too; a reading said to be confirmed names the decision.
    /// </summary>
    [Fact]
    public async Task UnconfirmedReadings_ChangedRulesUnderTheSameDecision_AndQuotesThatNoLongerMatch_AreFindings()
    {
        var seed = SeedFiles.Read(SeedFiles.Alingsas);
        var report = (await Alingsas.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/1489", Content = seed })).Report;
        var maria = Assert.Single(report.Findings, f => f.InterventionId == "beroendestod-mini-maria" && f.Field.EndsWith("suitable_from_15_without_consent", StringComparison.Ordinal));
        Assert.Contains("Den unga kan komma själv", maria.Message, StringComparison.Ordinal);
        Assert.Contains("inte har bekräftat", maria.Message, StringComparison.Ordinal);

        await Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = seed });
        var stored = (await Alingsas.GetInterventionAsync(new GetInterventionRequest { Name = "municipalities/1489/interventions/beroendestod-mini-maria", AsOf = D.Of(2025, 10, 1) })).Intervention;
        Assert.Contains(stored.Findings, f => f.Code == "interpretation-unconfirmed");
        Assert.Contains(stored.Interpretations, r => r.Field == "suitable_from_15_without_consent" && !r.Confirmed);

        // The same file with Mini Maria's lower age raised to 16 under the same quote and the same nämnd decision.
        var changed = seed.Replace("      age: {min: 15, max: 21}\n      source_text: Unga mellan 15 till 21 år.", "      age: {min: 16, max: 21}\n      source_text: Unga mellan 15 till 21 år.", StringComparison.Ordinal);
        Assert.NotEqual(seed, changed);
        var second = (await Alingsas.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/1489", Content = changed })).Report;
        Assert.True(second.Valid);
        Assert.Contains(second.Findings, f => f.InterventionId == "beroendestod-mini-maria" && f.Message.StartsWith("Villkorets citat", StringComparison.Ordinal));
        var sameDecision = Assert.Single(second.Findings, f => f.Field.EndsWith("committee_decision_reference", StringComparison.Ordinal));
        Assert.Equal("beroendestod-mini-maria", sameDecision.InterventionId);
        Assert.StartsWith("Villkoren ändras", sameDecision.Message, StringComparison.Ordinal);

        // A reading said to be confirmed names the nämnd's decision; then it is no finding.
        var unnamed = seed.Replace("        confirmed: false", "        confirmed: true", StringComparison.Ordinal);
        var refused = (await Alingsas.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/1489", Content = unnamed })).Report;
        Assert.False(refused.Valid);
        Assert.Contains(refused.Errors, e => e.Field.EndsWith("confirmed_by", StringComparison.Ordinal));
        var confirmed = seed.Replace("        confirmed: false", "        confirmed: true\n        confirmed_by: Socialnämnden i Alingsås, 2026-01-20 § 4", StringComparison.Ordinal);
        var clean = (await Alingsas.ValidateCatalogAsync(new ValidateCatalogRequest { Parent = "municipalities/1489", Content = confirmed })).Report;
        Assert.True(clean.Valid);
        Assert.DoesNotContain(clean.Findings, f => f.Message.StartsWith("Tolkning som nämnden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_AnotherKommunsFile_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = SeedFiles.Read(SeedFiles.Kalix2025) }).ResponseAsync);
        CatalogReadTests.AssertFields(ex, StatusCode.InvalidArgument, "municipality.code");
    }

    [Fact]
    public async Task Import_ChangedFile_UpdatesOnlyWhatChanged()
    {
        var content = SeedFiles.Read(SeedFiles.Alingsas);
        await Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = content });
        var changed = content.Replace("name: Boendecoachning", "name: Boendecoachning och bostadsstöd", StringComparison.Ordinal);
        var report = (await Alingsas.ImportCatalogAsync(new ImportCatalogRequest { Parent = "municipalities/1489", Content = changed })).Report;
        Assert.Equal((0, 1, 21), (report.Created, report.Updated, report.Unchanged));
    }
}

public sealed class CatalogWatchTests : IAsyncLifetime
{
    private CatalogHost host = null!;

    public async Task InitializeAsync() => host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Watch_SendsSnapshotThenEachChange_InRevisionOrder()
    {
        var kalix = host.ClientFor("2514");
        using var watch = kalix.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" });
        var snapshot = new List<WatchCatalogResponse>();
        WatchCatalogResponse message;
        while ((message = await Hosts.NextAsync(watch.ResponseStream)).EventCase != WatchCatalogResponse.EventOneofCase.SnapshotComplete)
        {
            snapshot.Add(message);
        }

        Assert.Equal(24, snapshot.Count(m => m.Intervention is not null));
        Assert.Equal(2, snapshot.Count(m => m.Rules is not null));
        Assert.Equal(26, message.SnapshotComplete.VersionCount);

        var created = (await kalix.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/2514",
            InterventionId = "nytt-samtal",
            RequestId = Guid.NewGuid().ToString(),
            Intervention = Sample.Counselling(),
        })).Intervention;
        var change = await Hosts.NextAsync(watch.ResponseStream);
        Assert.Equal(created, change.Intervention);
        Assert.True(change.Revision > message.Revision);
        var marker = await Hosts.NextAsync(watch.ResponseStream); // the batch is complete: a consumer applies it now
        Assert.NotNull(marker.ChangesComplete);
        Assert.Equal(change.Revision, marker.Revision);

        var retired = (await kalix.RetireInterventionAsync(new RetireInterventionRequest { Name = created.Name, LastDay = D.Of(2025, 12, 31) })).Intervention;
        var second = await Hosts.NextAsync(watch.ResponseStream);
        Assert.Equal(retired, second.Intervention);
        Assert.True(second.Revision > change.Revision);
        Assert.Equal(second.Revision, (await Hosts.NextAsync(watch.ResponseStream)).ChangesComplete is null ? -1 : second.Revision);
    }

    [Fact]
    public async Task Watch_AnImportThatChangesNothing_TakesNoRevision_AndAnIdleWatchDoesNotReadTheStore()
    {
        var kalix = host.ClientFor("2514", "catalog.read", "catalog.write");
        var before = (await kalix.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" })).Revision;
        using var watch = kalix.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514", SinceRevision = before });

        // The seed file again, with a request id (the replay record is written, the catalog is not).
        var report = (await kalix.ImportCatalogAsync(new ImportCatalogRequest
        {
            Parent = "municipalities/2514", Content = SeedFiles.Read(SeedFiles.Kalix2025), RequestId = Guid.NewGuid().ToString(),
        })).Report;
        Assert.Equal(0L, report.Revision);
        Assert.Equal(before, (await kalix.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" })).Revision);

        // Idle: at most one look per quiet poll (5 s), not a loop against the database.
        var store = host.Services.GetRequiredService<Socialtjanst.Catalog.Storage.CatalogStore>();
        await Task.Delay(300);
        var reads = store.ChangeReads;
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.InRange(store.ChangeReads - reads, 0, 1);
    }

    [Fact]
    public async Task Watch_ResumedFromARevision_SendsOnlyLaterChanges()
    {
        var kalix = host.ClientFor("2514");
        var first = (await kalix.CreateInterventionAsync(new CreateInterventionRequest { Parent = "municipalities/2514", InterventionId = "forsta", RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling(id: "forsta") })).Intervention;
        var second = (await kalix.CreateInterventionAsync(new CreateInterventionRequest { Parent = "municipalities/2514", InterventionId = "andra", RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling(id: "andra") })).Intervention;

        using var watch = kalix.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514", SinceRevision = first.Revision });
        var next = await Hosts.NextAsync(watch.ResponseStream);
        Assert.Equal(second, next.Intervention);
    }

    [Fact]
    public async Task Watch_FromARevisionAheadOfTheCatalog_IsInvalidArgument()
    {
        using var watch = host.ClientFor("2514").WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514", SinceRevision = 1_000_000 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext());
        CatalogReadTests.AssertFields(ex, StatusCode.InvalidArgument, "since_revision");
    }

    [Fact]
    public async Task Watch_DoesNotSeeAnotherKommunsChanges()
    {
        using var watch = host.ClientFor("9999").WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/9999" });
        while ((await Hosts.NextAsync(watch.ResponseStream)).EventCase != WatchCatalogResponse.EventOneofCase.SnapshotComplete)
        {
        }

        await host.ClientFor("2514").CreateInterventionAsync(new CreateInterventionRequest { Parent = "municipalities/2514", InterventionId = "hemligt", RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling() });
        var mine = (await host.ClientFor("9999").CreateInterventionAsync(new CreateInterventionRequest { Parent = "municipalities/9999", InterventionId = "eget", RequestId = Guid.NewGuid().ToString(), Intervention = Sample.Counselling("9999") })).Intervention;

        Assert.Equal(mine, (await Hosts.NextAsync(watch.ResponseStream)).Intervention);
    }
}

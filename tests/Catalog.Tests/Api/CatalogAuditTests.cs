using Socialtjanst.Audit.V1;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>
/// Who changed the nämnd's catalog, and on which decision: every write (create, update, retire,
/// import) is in the Catalog's access log with the decision reference it rests on, refused writes
/// too, and the kommun's auditors read it (scope audit.read) — their own kommun's only.
/// </summary>
public sealed class CatalogAuditTests : IAsyncLifetime
{
    private CatalogHost host = null!;

    public async Task InitializeAsync() => host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<List<AuditEvent>> EventsAsync(string code, string resource) =>
        [.. (await new AuditService.AuditServiceClient(Hosts.Authorized(host.Channel(), host.Token(code, "audit.read")))
            .ListAuditEventsAsync(new ListAuditEventsRequest
            {
                Parent = $"municipalities/{code}",
                Resource = resource,
                From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)),
            })).Events];

    [Fact]
    public async Task EachWrite_IsLoggedWithTheNamndsDecision_BeforeItsAnswer()
    {
        var kalix = host.ClientFor("2514");
        var iv = Sample.Counselling();
        iv.CommitteeDecisionReference = "SN 2025-09-01 § 7";
        var created = (await kalix.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/2514", InterventionId = "testsamtal", RequestId = Guid.NewGuid().ToString(), Intervention = iv,
        })).Intervention;

        // No flush, no wait: the answer left after its event was committed.
        var created1 = Assert.Single(await EventsAsync("2514", created.Name));
        Assert.EndsWith("/CreateIntervention", created1.Method, StringComparison.Ordinal);
        Assert.Equal(("OK", "SN 2025-09-01 § 7", "Catalog"), (created1.Outcome, created1.Reference, created1.Service));
        Assert.StartsWith("ps:", created1.Subject, StringComparison.Ordinal); // pseudonymized, never the token's subject as given

        var retired = (await kalix.RetireInterventionAsync(new RetireInterventionRequest { Name = created.Name, LastDay = D.Of(2026, 12, 31), Etag = created.Etag })).Intervention;
        var events = await EventsAsync("2514", retired.Name);
        Assert.Contains(events, e => e.Method.EndsWith("/RetireIntervention", StringComparison.Ordinal) && e.Reference == "SN 2025-09-01 § 7");

        // A refused write is in the log too, on the kommun, with its outcome.
        var refused = await Assert.ThrowsAsync<RpcException>(() => kalix.RetireInterventionAsync(new RetireInterventionRequest { Name = created.Name, LastDay = D.Of(2026, 12, 31), Etag = "inaktuell" }).ResponseAsync);
        Assert.Contains(await EventsAsync("2514", "municipalities/2514"), e => e.Method.EndsWith("/RetireIntervention", StringComparison.Ordinal) && e.Outcome == refused.StatusCode switch
        {
            StatusCode.Aborted => "ABORTED",
            StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
            _ => "INVALID_ARGUMENT",
        });

        // Another kommun's auditors see nothing of it, and may not ask.
        Assert.Empty(await EventsAsync("1489", created.Name));
    }

    [Fact]
    public async Task AnImport_IsLoggedOnTheKommun_WithTheDecisionsItsFileRestsOn()
    {
        var report = (await host.ClientFor("2514").ImportCatalogAsync(new ImportCatalogRequest
        {
            Parent = "municipalities/2514", RequestId = Guid.NewGuid().ToString(), Content = SeedFiles.Read("2514-kalix-2025.yaml"),
        })).Report;
        Assert.NotEmpty(report.CommitteeDecisionReferences);
        var imported = Assert.Single(await EventsAsync("2514", "municipalities/2514"), e => e.Method.EndsWith("/ImportCatalog", StringComparison.Ordinal));
        Assert.Equal(string.Join("; ", report.CommitteeDecisionReferences), imported.Reference);
    }
}

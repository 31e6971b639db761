using Socialtjanst.Catalog.V1;
using Socialtjanst.FollowUp.V1;

namespace Socialtjanst.Suite.Tests;

/// <summary>
/// Three suite processes over the same databases (SQLite in WAL across processes, or PostgreSQL): three replicas of
/// every service, as three pods over one database. What one Catalog writes, the others read at the write's revision
/// and stream; one request sent to all three FollowUps at once is one decision.
/// </summary>
public abstract class FleetProcessTests : IAsyncLifetime
{
    private SuiteProcess a = null!;
    private SuiteProcess b = null!;
    private SuiteProcess c = null!;
    private readonly List<GrpcChannel> channels = [];

    /// <summary>The PostgreSQL server, or null for SQLite files.</summary>
    protected abstract string? PostgreSql { get; }

    public async Task InitializeAsync()
    {
        if (this is PostgreSqlFleetProcessTests && PostgreSql is null)
        {
            return; // skipped by each test
        }

        a = new SuiteProcess { PostgreSql = PostgreSql };
        await a.InitializeAsync();
        b = SuiteProcess.SharingDatabasesWith(a);
        await b.InitializeAsync();
        c = SuiteProcess.SharingDatabasesWith(a);
        await c.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        channels.ForEach(c => c.Dispose());
        if (a is null)
        {
            return;
        }

        await c.DisposeAsync();
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    private void SkipUnlessConfigured() => Skip.If(this is PostgreSqlFleetProcessTests && PostgreSql is null, "PostgreSQL fleet tests run when SOCIALTJANST_TEST_POSTGRES is set.");

    private Metadata Bearer => new() { { "Authorization", "Bearer " + a.Tokens["2514"] } };

    private GrpcChannel Channel(string address)
    {
        var channel = GrpcChannel.ForAddress(address);
        channels.Add(channel);
        return channel;
    }

    private static async Task<WatchCatalogResponse> Next(IAsyncStreamReader<WatchCatalogResponse> stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.True(await stream.MoveNext(timeout.Token));
        return stream.Current;
    }

    [SkippableFact]
    public async Task AWriteInOneProcess_IsReadAndWatchedInTheOthers_AndOneRequestToAllThreeIsOneDecision()
    {
        SkipUnlessConfigured();
        var catalogA = new CatalogService.CatalogServiceClient(Channel(a.CatalogAddress));
        var catalogB = new CatalogService.CatalogServiceClient(Channel(b.CatalogAddress));
        var catalogC = new CatalogService.CatalogServiceClient(Channel(c.CatalogAddress));
        using var watch = catalogB.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" }, Bearer);
        while ((await Next(watch.ResponseStream)).SnapshotComplete is null)
        {
        }

        using var watchC = catalogC.WatchCatalog(new WatchCatalogRequest { Parent = "municipalities/2514" }, Bearer);
        while ((await Next(watchC.ResponseStream)).SnapshotComplete is null)
        {
        }

        var created = (await catalogA.CreateInterventionAsync(new CreateInterventionRequest
        {
            Parent = "municipalities/2514",
            InterventionId = "flotta-processer",
            RequestId = Guid.NewGuid().ToString(),
            Intervention = new Intervention
            {
                DisplayName = "Samtal (tre processer)",
                Content = "Rådgivande samtal.",
                TargetGroup = "Vuxna.",
                Access = Access.Direct,
                Kind = InterventionKind.Counselling,
                Delivery = Delivery.Individual,
                DocumentationBasis = DocumentationBasis.CounsellingExemption,
                FollowUpMode = FollowUpMode.ActivityLevel,
                CommitteeDecisionReference = "SN 2025-06-12 § 42",
                ValidFrom = new Date { Year = 2025, Month = 7, Day = 1 },
                Conditions = new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = 18 } },
            },
        }, Bearer)).Intervention;

        var read = await catalogB.GetInterventionAsync(new GetInterventionRequest { Name = created.Name, AsOf = created.ValidFrom, MinRevision = created.Revision }, Bearer);
        Assert.Equal(created, read.Intervention);
        var change = await Next(watch.ResponseStream);
        Assert.Equal(created, change.Intervention);
        Assert.NotNull((await Next(watch.ResponseStream)).ChangesComplete);
        Assert.Equal(created, (await Next(watchC.ResponseStream)).Intervention);

        var request = new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = Guid.NewGuid().ToString(),
            Decision = new Decision { CaseReference = "KX-PROC-1", Intervention = "municipalities/2514/interventions/oppenvard-vuxna", DecisionDate = new Date { Year = 2025, Month = 9, Day = 1 } },
        };
        // The same request to the three at once; a FollowUp whose catalog has not yet arrived answers UNAVAILABLE and
        // is asked again with the same request id, which must still be the one decision.
        var answers = await Task.WhenAll(new[] { a, b, c }.Select(p => new FollowUpService.FollowUpServiceClient(Channel(p.FollowUpAddress))).Select(client =>
            SuiteProcess.OnceTheCatalogHasArrivedAsync(() => client.RegisterDecisionAsync(request, Bearer).ResponseAsync)));
        Assert.Equal(answers[0].Decision, answers[1].Decision);
        Assert.Equal(answers[0].Decision, answers[2].Decision);
    }
}

/// <summary>The embedded default's engine: SQLite files shared by the two processes.</summary>
public sealed class SqliteFleetProcessTests : FleetProcessTests
{
    protected override string? PostgreSql => null;
}

/// <summary>The same two processes with every database on PostgreSQL (SOCIALTJANST_TEST_POSTGRES; `.ci/run` sets it).</summary>
public sealed class PostgreSqlFleetProcessTests : FleetProcessTests
{
    protected override string? PostgreSql => Environment.GetEnvironmentVariable("SOCIALTJANST_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;
}

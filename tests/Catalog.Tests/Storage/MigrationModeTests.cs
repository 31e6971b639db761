using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Data;
using Socialtjanst.Hosting;
using Socialtjanst.Suite;

namespace Socialtjanst.Catalog.Tests.Storage;

/// <summary>
/// Migrations and the seed import as a Kubernetes Job, never at pod start: Database:Migrations=Only migrates,
/// imports the seeds and exits; a pod with Check refuses a database that lacks a migration and starts on one
/// that has them all. Liveness answers whatever the database.
/// </summary>
public sealed class MigrationModeTests
{
    [Fact]
    public void Check_OnADatabaseThatLacksItsMigrations_RefusesNamingTheSettingAndTheJob()
    {
        var directory = Hosts.NewDirectory("migration-check");
        var options = new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "catalog.db")}", Migrations = MigrationMode.Check };
        var refused = Assert.Throws<InvalidOperationException>(() => Migrations.Run(options, typeof(Extensions).Assembly));
        Assert.Contains("Database:Migrations", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Job", refused.Message, StringComparison.Ordinal);

        // Once migrated (as the Job does), the same check passes.
        Migrations.Run(new DatabaseOptions { ConnectionString = options.ConnectionString }, typeof(Extensions).Assembly);
        Migrations.Run(options, typeof(Extensions).Assembly);
    }

    [Fact]
    public async Task TheJob_MigratesImportsTheSeedsAndExits_ThenAPodWithCheck_StartsAndServes()
    {
        var directory = Hosts.NewDirectory("migration-job");
        var job = SuiteServices.Named("Catalog").Build(
            new SuiteConfiguration(Hosting.Auth.TokenIssuer.NewKey(), directory).With(new Dictionary<string, string?> { ["Database:Migrations"] = "Only" }),
            $"http://127.0.0.1:{Hosts.FreePort()}", minimumLogLevel: LogLevel.Warning);
        await job.RunServiceAsync().WaitAsync(TimeSpan.FromSeconds(60)); // returns: the Job's container exits
        await job.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var pod = await CatalogHost.StartAsync(seed: false, directory: directory, settings: new Dictionary<string, string?> { ["Database:Migrations"] = "Check" });
        var kalix = await pod.ClientFor("2514").ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1) });
        Assert.NotEmpty(kalix.Interventions); // the Job's seed import, read by a pod that migrated nothing

        var health = new Health.HealthClient(pod.Channel());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = ServiceDefaults.LivenessService })).Status);
        using var http = new HttpClient { BaseAddress = new Uri(pod.Address), DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        Assert.Equal("Healthy", await http.GetStringAsync("/health/live")); // the kubelet's probes
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready"));
    }
}

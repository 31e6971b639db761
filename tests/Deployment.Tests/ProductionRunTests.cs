using Grpc.Health.V1;
using Socialtjanst.Type.V1;
using Xunit.Abstractions;
using static Socialtjanst.Deployment.Tests.Manifests;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// The rendered production manifests, started as a cluster would (<see cref="Cluster"/>): what an operator sees after
/// `kubectl apply`, and what must hold while the cluster does what clusters do (a Catalog outage, a rolling restart,
/// a setting forgotten).
/// </summary>
public sealed class ProductionRunTests(ProductionRun run, ITestOutputHelper output) : IClassFixture<ProductionRun>
{
    private static readonly Date AsOf = new() { Year = 2025, Month = 10, Day = 1 };
    private static readonly string[] Consumers = ["eligibility", "documentation", "followup"];

    [SkippableFact]
    public void Apply_EveryJobCompletes_AndEveryDeploymentsPodsAreReady()
    {
        run.SkipUnlessRunning();
        output.WriteLine($"apply → every pod ready: {run.Cluster.ApplyToReady.TotalSeconds:F1} s");
        foreach (var deployment in run.Cluster.Manifests.OfKind("Deployment"))
        {
            Assert.Equal(Int(Map(deployment, "spec"), "replicas", 1), run.ReadyAtApply.Count(p => p.StartsWith(Name(deployment) + "-", StringComparison.Ordinal)));
        }

        Assert.Empty(run.RestartedAtApply); // no container crashed on its way to ready
    }

    [SkippableFact]
    public async Task EveryService_AnswersThroughItsService_WithTokensFromTheIdentityProvider()
    {
        run.SkipUnlessRunning();
        var kalix = "municipalities/" + ProductionRun.Kommun;
        var catalog = new Catalog.V1.CatalogService.CatalogServiceClient(await run.CallerAsync("catalog"));
        Assert.NotEmpty((await catalog.ListInterventionsAsync(new Catalog.V1.ListInterventionsRequest { Parent = kalix, AsOf = AsOf })).Interventions);

        var eligibility = new Eligibility.V1.EligibilityService.EligibilityServiceClient(await run.CallerAsync("eligibility"));
        var direct = await eligibility.ListDirectInterventionsAsync(new Eligibility.V1.ListDirectInterventionsRequest { Parent = kalix, AsOf = AsOf, Facts = new Eligibility.V1.Facts { StatedAge = 30 } });
        Assert.NotEmpty(direct.Eligible.Concat(direct.Possible));

        var documentation = new Documentation.V1.DocumentationService.DocumentationServiceClient(await run.CallerAsync("documentation"));
        var policy = await documentation.GetRecordingPolicyAsync(new Documentation.V1.GetRecordingPolicyRequest { Intervention = kalix + "/interventions/bra-samtal", AsOf = AsOf });
        Assert.NotEmpty(policy.Policies);

        var followUp = new FollowUp.V1.FollowUpService.FollowUpServiceClient(await run.CallerAsync("followup"));
        var registered = await followUp.RegisterDecisionAsync(Decision("KX-RUN-1"));
        Assert.Equal(registered.Decision.Name, (await followUp.GetDecisionAsync(new FollowUp.V1.GetDecisionRequest { Name = registered.Decision.Name })).Decision.Name);

        // A token for another audience or without a valid signature is refused through the same Service.
        var anonymous = new Catalog.V1.CatalogService.CatalogServiceClient(run.Cluster.Channel("catalog"));
        var refused = await Assert.ThrowsAsync<RpcException>(() => anonymous.ListInterventionsAsync(new Catalog.V1.ListInterventionsRequest { Parent = kalix }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        // Mutual TLS (the CI region turns it on): without a client certificate from the platform's CA a caller does not
        // get past the handshake, token or not; the kubelet's probes, on their own port, still answer.
        var token = await run.Cluster.Platform.TokenAsync(ProductionRun.Kommun);
        var uncertified = new Catalog.V1.CatalogService.CatalogServiceClient(run.Cluster.Channel("catalog", clientCertificate: false));
        var handshake = await Assert.ThrowsAsync<RpcException>(() => uncertified.ListInterventionsAsync(
            new Catalog.V1.ListInterventionsRequest { Parent = kalix }, new Metadata { { "authorization", "Bearer " + token } }).ResponseAsync);
        Assert.True(handshake.StatusCode is StatusCode.Unavailable or StatusCode.Internal, handshake.Status.ToString());
    }

    [SkippableFact]
    public async Task ACatalogWrite_ReachesTheConsumersOfEveryReplica()
    {
        run.SkipUnlessRunning();
        var catalog = new Catalog.V1.CatalogService.CatalogServiceClient(await run.CallerAsync("catalog"));
        var name = $"municipalities/{ProductionRun.Kommun}/interventions/bra-samtal";
        var current = (await catalog.GetInterventionAsync(new Catalog.V1.GetInterventionRequest { Name = name, AsOf = AsOf })).Intervention;
        current.DisplayName = "Bra samtal " + Guid.NewGuid().ToString("N")[..6];
        await catalog.UpdateInterventionAsync(new Catalog.V1.UpdateInterventionRequest
        {
            Intervention = current,
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "display_name" } },
        });
        var revision = (await catalog.ListInterventionsAsync(new Catalog.V1.ListInterventionsRequest { Parent = "municipalities/" + ProductionRun.Kommun })).Revision;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var pod in run.Cluster.DeploymentPods("eligibility"))
        {
            var eligibility = new Eligibility.V1.EligibilityService.EligibilityServiceClient(await run.CallerAsync("eligibility", pod.Address));
            await Cluster.WaitUntilAsync(() => eligibility.ListDirectInterventions(new Eligibility.V1.ListDirectInterventionsRequest
            {
                Parent = "municipalities/" + ProductionRun.Kommun, AsOf = AsOf, Facts = new Eligibility.V1.Facts { StatedAge = 30 },
            }).CatalogRevision >= revision, TimeSpan.FromSeconds(10), () => $"{pod.Name} did not receive revision {revision}");
        }

        foreach (var pod in run.Cluster.DeploymentPods("documentation"))
        {
            var documentation = new Documentation.V1.DocumentationService.DocumentationServiceClient(await run.CallerAsync("documentation", pod.Address));
            await Cluster.WaitUntilAsync(() => documentation.GetRecordingPolicy(new Documentation.V1.GetRecordingPolicyRequest { Intervention = name, AsOf = AsOf }).CatalogRevision >= revision,
                TimeSpan.FromSeconds(10), () => $"{pod.Name} did not receive revision {revision}");
        }

        output.WriteLine($"a write → every consumer replica at its revision: {clock.ElapsedMilliseconds} ms");
    }

    /// <summary>The consumers balance over the Catalog's pods (round robin over the headless Service's DNS): every consumer pod holds a connection to every Catalog pod.</summary>
    [SkippableFact]
    public async Task EveryConsumerPod_IsConnectedToEveryCatalogPod()
    {
        run.SkipUnlessRunning();
        var consumers = Consumers.SelectMany(c => run.Cluster.DeploymentPods(c)).Select(p => p.Address).ToHashSet();
        foreach (var catalog in run.Cluster.DeploymentPods("catalog"))
        {
            await Cluster.WaitUntilAsync(() => consumers.IsSubsetOf(Cluster.Peers(catalog, 8443)), TimeSpan.FromSeconds(40),
                () => $"{catalog.Name} has connections from {string.Join(", ", Cluster.Peers(catalog, 8443))}, not from every consumer pod ({string.Join(", ", consumers)})");
        }
    }

    [SkippableFact]
    public async Task ACatalogOutage_EveryConsumerStaysReady_AndAnswersFromItsCopy_SayingItMayBeStale()
    {
        run.SkipUnlessRunning();
        var catalogPods = run.Cluster.DeploymentPods("catalog").ToList();
        foreach (var pod in catalogPods)
        {
            await run.Cluster.DeletePodAsync(pod);
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(15)); // longer than readiness took to fail before (~12 s)
            foreach (var consumer in Consumers)
            {
                Assert.All(run.Cluster.DeploymentPods(consumer), p => Assert.True(p.Ready, $"{p.Name} left the load balancer during the Catalog's outage"));
            }

            var eligibility = new Eligibility.V1.EligibilityService.EligibilityServiceClient(await run.CallerAsync("eligibility"));
            var answer = await eligibility.ListDirectInterventionsAsync(new Eligibility.V1.ListDirectInterventionsRequest
            {
                Parent = "municipalities/" + ProductionRun.Kommun, AsOf = AsOf, Facts = new Eligibility.V1.Facts { StatedAge = 30 },
            });
            Assert.NotEmpty(answer.Eligible.Concat(answer.Possible));
            Assert.True(answer.CatalogMayBeStale);

            // The gRPC health service agrees with /health/ready: SERVING overall, the catalog stream's own name NOT_SERVING.
            var pod = run.Cluster.DeploymentPods("eligibility")[0];
            var health = new Health.HealthClient(run.Cluster.Channel("eligibility", pod.Address));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = "socialtjanst.catalog.replica" })).Status);
        }
        finally
        {
            var deployment = run.Cluster.Manifests.Get("Deployment", "catalog");
            for (var i = 0; i < catalogPods.Count; i++)
            {
                await run.Cluster.StartPodAsync(deployment);
            }

            await Cluster.WaitUntilAsync(() => run.Cluster.DeploymentPods("catalog").All(p => p.Ready), TimeSpan.FromMinutes(2), () => "the Catalog did not come back");
        }
    }

    [SkippableFact]
    public async Task ARollingRestart_UnderWriteLoad_LosesNoAcknowledgedWrite()
    {
        run.SkipUnlessRunning();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var client = new FollowUp.V1.FollowUpService.FollowUpServiceClient(await run.CallerAsync("followup"));
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var request = Decision($"KX-ROLL-{w}-{n++}");
                for (var attempt = 0; attempt < 20; attempt++)
                {
                    try
                    {
                        // The same request id on every retry: a write whose answer was lost is answered again, not written twice.
                        acknowledged.Add((await client.RegisterDecisionAsync(request, deadline: DateTime.UtcNow.AddSeconds(5))).Decision.Name);
                        break;
                    }
                    catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Aborted)
                    {
                        await Task.Delay(200);
                        client = new FollowUp.V1.FollowUpService.FollowUpServiceClient(await run.CallerAsync("followup")); // a new connection: another pod
                    }
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var steps = await run.Cluster.RolloutRestartAsync("followup", TimeSpan.FromMinutes(2));
        foreach (var (pod, ready, terminated, code) in steps)
        {
            output.WriteLine($"{pod}: its successor ready after {ready.TotalSeconds:F1} s; SIGTERM → exit {code} after {terminated.TotalSeconds:F1} s");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var reader = new FollowUp.V1.FollowUpService.FollowUpServiceClient(await run.CallerAsync("followup"));
        await Parallel.ForEachAsync(acknowledged.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, ct) =>
            Assert.Equal(name, (await reader.GetDecisionAsync(new FollowUp.V1.GetDecisionRequest { Name = name }, cancellationToken: ct)).Decision.Name));

        output.WriteLine($"{acknowledged.Count} decisions acknowledged during the restart, every one found after it");
        Assert.True(acknowledged.Count > 10, "too few writes went through to say anything");
    }

    [SkippableFact]
    public async Task AKilledLeaseHolder_IsTakenOverByTheOtherReplica_WithinTheLeasesLifetime()
    {
        run.SkipUnlessRunning();
        var connection = System.Text.Encoding.UTF8.GetString((await run.Cluster.Platform.SecretAsync("socialtjanst-followup-database"))["connection-string"]);
        async Task<int> HolderAsync()
        {
            await using var db = new Npgsql.NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var query = db.CreateCommand();
            query.CommandText = "SELECT holder FROM job_lease WHERE name = 'followup-rescheduler' AND expires_at > @now";
            query.Parameters.AddWithValue("now", DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            return await query.ExecuteScalarAsync() is string holder ? int.Parse(holder.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        var holderPid = 0;
        await Cluster.WaitUntilAsync(() => (holderPid = HolderAsync().GetAwaiter().GetResult()) != 0, TimeSpan.FromSeconds(30), () => "no replica holds the rescheduler's lease");
        var holder = run.Cluster.DeploymentPods("followup").Single(p => p.ProcessId == holderPid);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        holder.KillHard();
        var next = 0;
        await Cluster.WaitUntilAsync(() => (next = HolderAsync().GetAwaiter().GetResult()) is not 0 && next != holderPid, TimeSpan.FromSeconds(60), () => "nobody took the lease over");
        output.WriteLine($"lease take-over after a kill: {clock.Elapsed.TotalSeconds:F1} s (lease 10 s, renewed every 2 s)");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        await Cluster.WaitUntilAsync(() => holder.Ready, TimeSpan.FromMinutes(1), () => $"{holder.Name} was not restarted");
    }

    [SkippableTheory]
    [InlineData("catalog", "Audit__SubjectKey", "Audit:SubjectKey")]
    [InlineData("eligibility", "CatalogReplica__CatalogAddress", "CatalogReplica:CatalogAddress")]
    [InlineData("documentation", "Database__ConnectionString", "Database:ConnectionString")]
    [InlineData("followup", "PageTokens__Key", "PageTokens:Key")]
    public async Task ARequiredSettingRemoved_ThePodRefusesAtOnce_NamingIt(string deployment, string variable, string setting)
    {
        run.SkipUnlessRunning();
        await using var pod = await run.Cluster.StartPodAsync(run.Cluster.Manifests.Get("Deployment", deployment), removeEnv: [variable], member: false);
        var code = await pod.Exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, code);
        Assert.Contains(setting, pod.Output, StringComparison.Ordinal);
        Assert.False(pod.Ready);
    }

    [SkippableFact]
    public async Task ATokenIdPutInTheRevocationConfigMap_IsRefusedByEveryPod_WithoutARestart()
    {
        run.SkipUnlessRunning();
        const string revocations = "socialtjanst-revoked-tokens";
        var stolen = await run.Cluster.Platform.TokenAsync(ProductionRun.Kommun);
        var other = await run.Cluster.Platform.TokenAsync(ProductionRun.Kommun);
        var pods = run.Cluster.DeploymentPods().Where(p => p.Ready).ToList();
        Assert.Equal(["catalog", "documentation", "eligibility", "followup"], pods.Select(Deployment).Distinct().Order(StringComparer.Ordinal));
        foreach (var pod in pods)
        {
            Assert.True(await AuthenticatedAsync(pod, stolen), $"{pod.Name} refused the token before it was revoked"); // and keeps its validation
        }

        var restarts = pods.ToDictionary(p => p.Name, p => p.Restarts);
        var original = run.Cluster.ConfigMap(revocations);
        run.Cluster.UpdateConfigMap(revocations, new Dictionary<string, string> { ["token-ids"] = original["token-ids"] + TokenId(stolen) + "\n" });
        try
        {
            foreach (var pod in pods)
            {
                var until = DateTime.UtcNow.AddSeconds(30); // the pods read the file every 10 s
                while (await AuthenticatedAsync(pod, stolen))
                {
                    Assert.True(DateTime.UtcNow < until, $"{pod.Name} still answered the revoked token after 30 s");
                    await Task.Delay(500);
                }

                Assert.True(await AuthenticatedAsync(pod, other), $"{pod.Name} refused a token that was not revoked");
            }

            Assert.All(pods, p => Assert.Equal(restarts[p.Name], p.Restarts));
        }
        finally
        {
            run.Cluster.UpdateConfigMap(revocations, original);
        }
    }

    private static string Deployment(Pod pod) => pod.Name[..pod.Name.LastIndexOf('-')];

    // The token's id (jti), from its payload: what an operator reads from a token to revoke it.
    private static string TokenId(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '='));
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("jti").GetString()!;
    }

    // One call of the pod's service with the token: true when answered, false when refused as UNAUTHENTICATED (any other failure fails the test).
    private async Task<bool> AuthenticatedAsync(Pod pod, string token)
    {
        using var channel = run.Cluster.Channel(Deployment(pod), pod.Address);
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        var kalix = "municipalities/" + ProductionRun.Kommun;
        try
        {
            await (Deployment(pod) switch
            {
                "catalog" => new Catalog.V1.CatalogService.CatalogServiceClient(channel).ListInterventionsAsync(new Catalog.V1.ListInterventionsRequest { Parent = kalix, AsOf = AsOf }, headers).ResponseAsync,
                "eligibility" => new Eligibility.V1.EligibilityService.EligibilityServiceClient(channel).ListDirectInterventionsAsync(new Eligibility.V1.ListDirectInterventionsRequest { Parent = kalix, AsOf = AsOf, Facts = new Eligibility.V1.Facts { StatedAge = 30 } }, headers).ResponseAsync,
                "documentation" => new Documentation.V1.DocumentationService.DocumentationServiceClient(channel).GetRecordingPolicyAsync(new Documentation.V1.GetRecordingPolicyRequest { Intervention = kalix + "/interventions/bra-samtal", AsOf = AsOf }, headers).ResponseAsync,
                _ => (Task)new FollowUp.V1.FollowUpService.FollowUpServiceClient(channel).ListDueFollowUpsAsync(new FollowUp.V1.ListDueFollowUpsRequest { Parent = kalix, From = AsOf, To = AsOf }, headers).ResponseAsync,
            });
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
        {
            return false;
        }
    }

    private static FollowUp.V1.RegisterDecisionRequest Decision(string caseReference) => new()
    {
        Parent = "municipalities/" + ProductionRun.Kommun,
        RequestId = Guid.NewGuid().ToString(),
        Decision = new FollowUp.V1.Decision
        {
            CaseReference = caseReference,
            Intervention = $"municipalities/{ProductionRun.Kommun}/interventions/oppenvard-vuxna",
            DecisionDate = new Date { Year = 2025, Month = 9, Day = 1 },
        },
    };
}

using System.Globalization;
using Google.Protobuf;
using Socialtjanst.Audit;
using Socialtjanst.Bench.V1;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Bench;

/// <summary>
/// What the access log costs an audited call now that the answer waits for its event's commit: the
/// log's append-and-commit on its own (concurrent callers sharing group commits), and an audited read
/// (<c>GetDecision</c>) against echo in the same host.
/// </summary>
public static class AuditBench
{
    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration)
    {
        var log = host.FollowUpServices.GetRequiredService<AuditLog>();
        var entry = new AuditEntry(0, "2514", DateTimeOffset.UtcNow, "ps:bench", "", "FollowUp", "/socialtjanst.followup.v1.FollowUpService/GetDecision", "municipalities/2514/decisions/bench", "OK");
        await Load.RunAsync("warm-up", concurrency, TimeSpan.FromSeconds(3), ct => log.AppendAsync([entry], ct));
        var written = log.Written;
        var appended = await Load.RunAsync("append and commit", concurrency, duration, ct => log.AppendAsync([entry], ct));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit append-and-commit, {concurrency} concurrent callers: {appended.PerSecond:F0} events/s; per call p50 {appended.P50Ms:F3} ms, p99 {appended.P99Ms:F3} ms ({log.Written - written} events written)\n"));

        var invoker = host.Invoker(host.FollowUpAddress, "2514");
        var echo = new EchoService.EchoServiceClient(invoker);
        var followUp = new FollowUpService.FollowUpServiceClient(invoker);
        var registered = await followUp.RegisterDecisionAsync(new RegisterDecisionRequest
        {
            Parent = "municipalities/2514",
            RequestId = Guid.NewGuid().ToString(),
            Decision = new Decision
            {
                CaseReference = "KX-AUDIT-BENCH",
                Intervention = "municipalities/2514/interventions/oppenvard-vuxna",
                DecisionDate = new Date { Year = 2025, Month = 9, Day = 1 },
            },
        });
        var get = new GetDecisionRequest { Name = registered.Decision.Name };
        var payload = new EchoRequest { Payload = ByteString.CopyFrom(new byte[get.CalculateSize()]) };
        await Versus.RunAsync("get decision (audited)", async ct => await echo.EchoAsync(payload, cancellationToken: ct),
            async ct => await followUp.GetDecisionAsync(get, cancellationToken: ct), concurrency, duration);
    }
}

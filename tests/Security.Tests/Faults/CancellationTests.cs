using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Audit;
using Socialtjanst.Data;
using Socialtjanst.Documentation.Storage;
using Socialtjanst.FollowUp.Storage;

namespace Socialtjanst.Security.Tests.Faults;

/// <summary>A caller's cancellation reaches the database: the engine stops the query, and every store passes the token on.</summary>
[Collection(StackCollection.Name)]
public sealed class CancellationTests(StackFixture fixture)
{
    [Fact]
    public async Task ACancelledQuery_StopsInsideTheDatabase()
    {
        var db = fixture.Stack.Services("FollowUp").GetRequiredService<DbConnectionFactory>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await using var connection = await db.OpenAsync(cts.Token); // as every store opens: with the caller's token
        var clock = Stopwatch.StartNew();
        // Counting to 300 million takes most of a minute; cancelled, the engine must stop within moments.
        var ex = await Record.ExceptionAsync(() => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT count(*) FROM c",
            cancellationToken: cts.Token)));
        Assert.NotNull(ex);
        Assert.True(ex is OperationCanceledException || DbConnectionFactory.IsInterrupted(ex), ex.GetType().Name);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the query ran on for {clock.Elapsed}");
    }

    [Fact]
    public async Task EveryStore_PassesTheCallersTokenToTheDatabase()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ct = cancelled.Token;
        var followUp = fixture.Stack.Services("FollowUp").GetRequiredService<FollowUpStore>();
        var participation = fixture.Stack.Services("Documentation").GetRequiredService<ParticipationStore>();
        var audit = fixture.Stack.Services("FollowUp").GetRequiredService<AuditStore>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => followUp.DueAsync("2514", "2025-01-01", "2025-12-31", "", "", 10, ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => followUp.FindAsync("2514", new string('a', 32), ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => followUp.DelayCandidatesAsync("2514", "2025-12-31", "", 1000, ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => followUp.BehindRulesAsync("2514", 1, "", 10, ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => followUp.WriteAsync("2514", journal: null, _ => Task.FromResult(0), ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => participation.PeriodAsync("2514", "bra-samtal", "2025-01-01", "2025-12-31", ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => audit.ListAsync(new AuditQuery("2514", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, null, null, null, 10), ct));
    }
}

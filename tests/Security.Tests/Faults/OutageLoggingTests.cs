using Microsoft.Extensions.DependencyInjection;

namespace Socialtjanst.Security.Tests.Faults;

/// <summary>
/// During a Catalog outage each replica logs one Error per kommun when its stream goes down, not one
/// per retry: a flood would hide the first, useful line. The retries in between log at Debug.
/// </summary>
public sealed class OutageLoggingTests
{
    [Fact]
    public async Task ACatalogOutage_LogsOneErrorPerKommunAndService_HoweverManyRetries()
    {
        await using var stack = await SuiteStack.StartAsync();
        await stack.StopAsync("Catalog");
        var documentation = stack.Services("Documentation").GetRequiredService<CatalogReplica.CatalogReplica>();
        await Hosts.WaitUntil(() => !documentation.IsLive("2514"));
        await Task.Delay(TimeSpan.FromSeconds(4)); // the break duration is 0.5 s here: several retries

        var errors = stack.Logs.Where(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("kommun 2514", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        // Three services follow the Catalog (Eligibility, Documentation, FollowUp): one line each at most,
        // where a line per retry would be about eight each in these four seconds.
        Assert.True(errors.Count <= 3, $"{errors.Count} error lines for one kommun (one per service expected):\n{string.Join('\n', errors)}");
    }
}

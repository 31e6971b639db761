using Microsoft.Extensions.Logging.Abstractions;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting.Limits;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>A kommun's call limit means the same with two replicas as with one: each enforces its share.</summary>
public sealed class FleetCallLimitTests
{
    private static Dictionary<string, string?> Limits(int fleetSize, int burst = 40, int perSecond = 10) => new()
    {
        ["CallLimits:MunicipalityBurst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CallLimits:MunicipalityPerSecond"] = perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CallLimits:FleetSize"] = fleetSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Calls admitted of 60 made one after the other, alternating between two replicas, and how long the 60 took.</summary>
    private static async Task<(int Accepted, TimeSpan Took)> AcceptedAsync(int fleetSize)
    {
        await using var a = await CatalogHost.StartAsync(settings: Limits(fleetSize));
        var b = await CatalogHost.StartAsync(seed: false, auth: a.Auth, directory: a.Directory, settings: Limits(fleetSize));
        try
        {
            var clients = new[] { a.ClientFor("2514"), b.ClientFor("2514") };
            var accepted = 0;
            var took = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 60; i++)
            {
                accepted += await AdmittedAsync(clients[i % 2]) ? 1 : 0;
            }

            return (accepted, took.Elapsed);
        }
        finally
        {
            await b.StopAsync();
        }
    }

    private static async Task<bool> AdmittedAsync(CatalogService.CatalogServiceClient client)
    {
        try
        {
            await client.GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest { Name = "municipalities/2514/rules" });
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            return false;
        }
    }

    [Fact]
    public async Task TwoReplicas_TogetherAdmitTheKommunsBurstOnce()
    {
        // Told the fleet is two, each admits half of the burst of 40 and refills at half of 10 a second: together the
        // burst and 10 a second for as long as the calls took (one more step per replica at most), however slow the machine.
        var (accepted, took) = await AcceptedAsync(fleetSize: 2);
        Assert.InRange(accepted, 40, 40 + (int)(10 * took.TotalSeconds) + 2);

        // The control: replicas that each believe they are alone admit the burst twice (all 60 here).
        Assert.Equal(60, (await AcceptedAsync(fleetSize: 1)).Accepted);
    }

    [Fact]
    public async Task AKommunsRate_IsKeptAfterTheBurst_EvenWhenItIsUnderTenASecond()
    {
        // A burst of one and 5 a second: for two seconds of calls one after the other, the first call and one every 200 ms.
        await using var host = await CatalogHost.StartAsync(settings: Limits(fleetSize: 1, burst: 1, perSecond: 5));
        var client = host.ClientFor("2514");
        var (accepted, calls, took) = (0, 0, System.Diagnostics.Stopwatch.StartNew());
        while (took.Elapsed < TimeSpan.FromSeconds(2))
        {
            accepted += await AdmittedAsync(client) ? 1 : 0;
            calls++;
        }

        // At most the burst, a token per 200 ms and the step under way; at least a few (a slow machine makes fewer calls).
        Assert.InRange(accepted, Math.Min(calls, 5), 1 + (int)(5 * took.Elapsed.TotalSeconds) + 1);
    }

    [Fact]
    public async Task TheFleetsSize_IsFoundByTheHeadlessServicesDnsName_AndKeptWhenALookupFails()
    {
        using var found = new FleetShare(new CallLimitOptions { Peers = "localhost", PeersRefresh = TimeSpan.FromHours(1) }, NullLogger<FleetShare>.Instance);
        var expected = Math.Max(1, (await System.Net.Dns.GetHostAddressesAsync("localhost")).Distinct().Count());
        Assert.Equal(expected, await found.RefreshAsync());
        Assert.Equal((int)Math.Ceiling(2000 / (double)expected), found.Share(2000));

        using var lost = new FleetShare(new CallLimitOptions { Peers = "no-such-replica.invalid", PeersRefresh = TimeSpan.FromHours(1) }, NullLogger<FleetShare>.Instance);
        Assert.Equal(1, await lost.RefreshAsync());
        Assert.Equal(1, lost.Share(1));
        Assert.Equal(7, new FleetShare(new CallLimitOptions { FleetSize = 3 }, NullLogger<FleetShare>.Instance).Share(20));
    }
}

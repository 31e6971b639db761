using Microsoft.Extensions.Logging.Abstractions;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting.Limits;

namespace Socialtjanst.Catalog.Tests.Api;

/// <summary>A kommun's call limit means the same with two replicas as with one: each enforces its share.</summary>
public sealed class FleetCallLimitTests
{
    private static Dictionary<string, string?> Limits(int fleetSize) => new()
    {
        ["CallLimits:MunicipalityBurst"] = "40",
        ["CallLimits:MunicipalityPerSecond"] = "10",
        ["CallLimits:FleetSize"] = fleetSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<int> AcceptedAsync(int fleetSize)
    {
        await using var a = await CatalogHost.StartAsync(settings: Limits(fleetSize));
        var b = await CatalogHost.StartAsync(seed: false, auth: a.Auth, directory: a.Directory, settings: Limits(fleetSize));
        try
        {
            var clients = new[] { a.ClientFor("2514"), b.ClientFor("2514") };
            var accepted = 0;
            for (var i = 0; i < 60; i++)
            {
                try
                {
                    await clients[i % 2].GetMunicipalityRulesAsync(new GetMunicipalityRulesRequest { Name = "municipalities/2514/rules" });
                    accepted++;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
                {
                }
            }

            return accepted;
        }
        finally
        {
            await b.StopAsync();
        }
    }

    [Fact]
    public async Task TwoReplicas_TogetherAdmitTheKommunsBurstOnce()
    {
        // Told the fleet is two, each admits half of the burst of 40 (and a token per 100 ms after it).
        Assert.InRange(await AcceptedAsync(fleetSize: 2), 40, 50);

        // The control: replicas that each believe they are alone admit the burst twice (all 60 here).
        Assert.Equal(60, await AcceptedAsync(fleetSize: 1));
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

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Socialtjanst.Hosting.Limits;

/// <summary>
/// How many replicas of this service share the call limits, so each enforces its share and the fleet
/// together enforces the limit once, whatever the replica count. Known from <see cref="CallLimitOptions.FleetSize"/>
/// when fixed, else by resolving <see cref="CallLimitOptions.Peers"/> (the headless Service, whose DNS answer
/// lists the ready pods) every <see cref="CallLimitOptions.PeersRefresh"/>; one replica when neither is set.
/// A lookup that fails keeps the last count.
/// </summary>
public sealed partial class FleetShare : IDisposable
{
    private readonly CallLimitOptions options;
    private readonly ILogger<FleetShare> logger;
    private readonly Timer? timer;
    private int replicas;

    public FleetShare(CallLimitOptions options, ILogger<FleetShare> logger)
    {
        this.options = options;
        this.logger = logger;
        replicas = Math.Max(1, options.FleetSize);
        if (options.FleetSize == 0 && options.Peers.Length > 0)
        {
            timer = new Timer(_ => _ = RefreshAsync(), null, TimeSpan.Zero, options.PeersRefresh);
        }
    }

    /// <summary>Raised when the replica count changes.</summary>
    public event Action? Changed;

    public int Replicas => Volatile.Read(ref replicas);

    /// <summary>This replica's share of a fleet-wide limit: never more than the limit over the replicas (rounded up), at least 1.</summary>
    public int Share(int limit) => Math.Max(1, (int)Math.Ceiling(limit / (double)Replicas));

    /// <summary>Looks the peers up once; returns the count now in force.</summary>
    public async Task<int> RefreshAsync()
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(options.Peers);
            var count = Math.Max(1, addresses.Distinct().Count());
            if (Interlocked.Exchange(ref replicas, count) != count)
            {
                LogFleet(logger, count);
                Changed?.Invoke();
            }
        }
        catch (SocketException ex)
        {
            LogLookupFailed(logger, ex.SocketErrorCode.ToString(), Replicas);
        }

        return Replicas;
    }

    public void Dispose() => timer?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Call limits shared by {Replicas} replicas")]
    private static partial void LogFleet(ILogger logger, int replicas);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up the fleet's replicas failed ({Error}); the limits stay shared by {Replicas}")]
    private static partial void LogLookupFailed(ILogger logger, string error, int replicas);
}

using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Hosting.Limits;

/// <summary>
/// Per-kommun and per-caller limits (section "CallLimits"). Each kommun has its own token bucket
/// and its own cap on calls in progress, so one kommun's load cannot take another's share; each
/// caller (a token's subject within its kommun) has a bucket too, so one runaway client cannot take
/// its whole kommun's. Calls over a limit get RESOURCE_EXHAUSTED with a retry delay. The limits are the
/// fleet's: with N replicas each enforces its share (<see cref="FleetShare"/>), so a kommun gets its limit
/// once, not N times.
/// </summary>
public sealed class CallLimitOptions : ISettings
{
    public static string Section => "CallLimits";

    /// <summary>Per-kommun and per-caller call limits on (RESOURCE_EXHAUSTED with a retry delay when a limit is reached); off only for a load test.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sustained calls per second per kommun.</summary>
    [Range(1, int.MaxValue)]
    public int MunicipalityPerSecond { get; set; } = 2000;

    /// <summary>Calls a kommun may make at once above its sustained rate.</summary>
    [Range(1, int.MaxValue)]
    public int MunicipalityBurst { get; set; } = 4000;

    /// <summary>Sustained calls per second per caller.</summary>
    [Range(1, int.MaxValue)]
    public int CallerPerSecond { get; set; } = 1000;

    /// <summary>Calls one caller may make at once above its sustained rate.</summary>
    [Range(1, int.MaxValue)]
    public int CallerBurst { get; set; } = 2000;

    /// <summary>Unary calls in progress per kommun (streams are not counted: a watch is held open).</summary>
    [Range(1, int.MaxValue)]
    public int MunicipalityConcurrency { get; set; } = 64;

    /// <summary>
    /// How many replicas share the limits, when fixed (docker-compose, a fixed Deployment). 0: found from
    /// <see cref="Peers"/>; 1 when neither is set.
    /// </summary>
    [Range(0, 10_000)]
    public int FleetSize { get; set; }

    /// <summary>
    /// A DNS name that resolves to one address per ready replica: on Kubernetes the service's headless
    /// Service (e.g. eligibility-headless). Looked up every <see cref="PeersRefresh"/>.
    /// </summary>
    public string Peers { get; set; } = "";

    /// <summary>How often `Peers` is looked up again, so the fleet's share of each limit follows scaling.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PeersRefresh { get; set; } = TimeSpan.FromSeconds(15);
}

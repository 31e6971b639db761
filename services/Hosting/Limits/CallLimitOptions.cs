namespace Socialtjanst.Hosting.Limits;

/// <summary>
/// Per-kommun and per-caller limits (section "CallLimits"). Each kommun has its own token bucket
/// and its own cap on calls in progress, so one kommun's load cannot take another's share; each
/// caller (a token's subject within its kommun) has a bucket too, so one runaway client cannot take
/// its whole kommun's. Calls over a limit get RESOURCE_EXHAUSTED with a retry delay. The limits are the
/// fleet's: with N replicas each enforces its share (<see cref="FleetShare"/>), so a kommun gets its limit
/// once, not N times.
/// </summary>
public sealed class CallLimitOptions
{
    public const string Section = "CallLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Sustained calls per second per kommun.</summary>
    public int MunicipalityPerSecond { get; set; } = 2000;

    /// <summary>Calls a kommun may make at once above its sustained rate.</summary>
    public int MunicipalityBurst { get; set; } = 4000;

    /// <summary>Sustained calls per second per caller.</summary>
    public int CallerPerSecond { get; set; } = 1000;

    public int CallerBurst { get; set; } = 2000;

    /// <summary>Unary calls in progress per kommun (streams are not counted: a watch is held open).</summary>
    public int MunicipalityConcurrency { get; set; } = 64;

    /// <summary>
    /// How many replicas share the limits, when fixed (docker-compose, a fixed Deployment). 0: found from
    /// <see cref="Peers"/>; 1 when neither is set.
    /// </summary>
    public int FleetSize { get; set; }

    /// <summary>
    /// A DNS name that resolves to one address per ready replica: on Kubernetes the service's headless
    /// Service (e.g. eligibility-headless). Looked up every <see cref="PeersRefresh"/>.
    /// </summary>
    public string Peers { get; set; } = "";

    public TimeSpan PeersRefresh { get; set; } = TimeSpan.FromSeconds(15);
}

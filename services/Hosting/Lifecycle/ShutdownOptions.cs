namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>How a service leaves (section "Shutdown").</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>How long the service keeps answering after its health turns NOT_SERVING, so load
    /// balancers stop sending before it stops listening.</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long, after the drain delay, calls in progress may take to finish.</summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromSeconds(25);
}

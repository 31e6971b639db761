using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>How a service leaves (section "Shutdown").</summary>
public sealed class ShutdownOptions : ISettings
{
    public static string Section => "Shutdown";

    /// <summary>How long the service keeps answering after its health turns NOT_SERVING, so load
    /// balancers stop sending before it stops listening.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long, after the drain delay, calls in progress may take to finish.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromSeconds(25);
}

using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Hosting.Logging;

/// <summary>
/// Traces and metrics (OpenTelemetry), sent over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT names a collector; without one
/// nothing is collected, so no call pays for telemetry that goes nowhere.
/// </summary>
public sealed class TelemetryOptions : ISettings
{
    public static string Section => "Telemetry";

    /// <summary>
    /// The share of calls traced (a call whose caller sent a sampled trace is always traced: parent-based). 1 traces
    /// every call; the default 0.05 keeps a trace of every twentieth (what the collector stores and the network carries).
    /// </summary>
    [Range(0.0, 1.0)]
    public double TraceSampleRatio { get; set; } = 0.05;
}

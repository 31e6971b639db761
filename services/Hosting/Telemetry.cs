namespace Socialtjanst.Hosting;

public static class Telemetry
{
    /// <summary>The meter of what Hosting measures for every service (e.g. refused calls).</summary>
    public const string HostingMeter = "Socialtjanst.Hosting";

    public static string SourceName(string serviceName) => "Socialtjanst." + serviceName;
}

using Socialtjanst.Hosting;

namespace Socialtjanst.Suite;

/// <summary>One service of the embedded default: its name, default port and how it adds itself.</summary>
public sealed record SuiteService(string Name, int DefaultPort, Action<WebApplicationBuilder> Add, Action<WebApplication> Map, int? DefaultRestPort = null)
{
    /// <summary>
    /// The one way to host this service in a process: the shared defaults, the settings <paramref name="configuration"/>
    /// chooses for it, its gRPC endpoint and (when given) its REST face. The embedded default, every test host and the
    /// bench build services here; <paramref name="add"/> and <paramref name="map"/> add what a host needs besides
    /// (a captured log, a test clock, the bench's echo).
    /// </summary>
    public WebApplication Build(
        SuiteConfiguration configuration,
        string url,
        string? restUrl = null,
        LogLevel minimumLogLevel = LogLevel.Information,
        Action<WebApplicationBuilder>? add = null,
        Action<WebApplication>? map = null) =>
        ServiceHost.Build(Name, url, configuration.For(Name), b =>
        {
            Add(b);
            add?.Invoke(b); // after the service: a host's own registrations win
        }, a =>
        {
            Map(a);
            map?.Invoke(a);
        }, minimumLogLevel, restUrl);
}

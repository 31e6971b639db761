namespace Socialtjanst.Suite;

/// <summary>One service of the embedded default: its name, default port and how it adds itself.</summary>
public sealed record SuiteService(string Name, int DefaultPort, Action<WebApplicationBuilder> Add, Action<WebApplication> Map, int? DefaultRestPort = null);

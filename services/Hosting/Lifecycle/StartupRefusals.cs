namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>The development defaults found outside Development: each setting and why it is refused.</summary>
public sealed class StartupRefusals : List<(string Setting, string Why)>;

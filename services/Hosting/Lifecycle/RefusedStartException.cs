namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>A service refused to start outside Development on a development default; the settings are named, never their values.</summary>
public sealed class RefusedStartException(IReadOnlyList<string> settings)
    : Exception("Refusing to start outside Development; see the log for each setting: " + string.Join(", ", settings))
{
    public IReadOnlyList<string> Settings { get; } = settings;
}

namespace Socialtjanst.Settings;

/// <summary>
/// A service's settings from one configuration section: bound and validated once, at start, by
/// <see cref="SettingsReader.AddSettings{T}"/>, and listed in docs/settings.md (generated from these types: each
/// property's key, default, allowed range and documentation comment).
/// </summary>
public interface ISettings
{
    /// <summary>The configuration section, e.g. "Catalog:Fleet".</summary>
    static abstract string Section { get; }
}

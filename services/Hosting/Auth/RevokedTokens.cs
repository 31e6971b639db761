using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// Token ids (jti) that are refused before they expire, from configuration (Auth:RevokedTokenIds, a
/// list), held in memory and consulted on every call; reloaded when the configuration changes
/// (a mounted file or a ConfigMap), so a stolen token can be stopped without a restart.
/// </summary>
public sealed class RevokedTokens
{
    private volatile HashSet<string> ids = [];

    public RevokedTokens(IConfiguration configuration)
    {
        Load(configuration);
        ChangeToken.OnChange(configuration.GetReloadToken, () => Load(configuration));
    }

    public int Count => ids.Count;

    public bool Contains(string? jti) => jti is not null && ids.Contains(jti);

    private void Load(IConfiguration configuration) =>
        ids = configuration.GetSection("Auth:RevokedTokenIds").GetChildren().Select(c => c.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
}

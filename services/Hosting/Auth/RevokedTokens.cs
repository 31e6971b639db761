using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// Token ids (jti) that are refused before they expire, held in memory and consulted on every call, from two sources:
/// the configuration (Auth:RevokedTokenIds, a list; reloaded when a configuration file changes) and, when
/// <see cref="AuthOptions.RevokedTokenIdsFile"/> is set, a file of one id a line read again every
/// <see cref="AuthOptions.RevokedTokenIdsFileInterval"/>: the manifests mount it from a ConfigMap, which the kubelet
/// updates in place (an atomic swap of the folder behind the file), so a stolen token is stopped without a restart.
/// A file that cannot be read leaves the last list read in force. Logs say how many ids, never which.
/// </summary>
public sealed partial class RevokedTokens : IDisposable
{
    private readonly IConfiguration configuration;
    private readonly string? file;
    private readonly ILogger logger;
    private readonly ITimer? timer;
    private readonly Lock gate = new();
    private HashSet<string> configured = [];
    private HashSet<string> listed = [];
    private string? lastText;
    private bool failing;
    private volatile HashSet<string> ids = [];

    public RevokedTokens(IConfiguration configuration, AuthOptions auth, TimeProvider clock, ILogger<RevokedTokens> logger)
    {
        this.configuration = configuration;
        this.logger = logger;
        file = auth.RevokedTokenIdsFile is { Length: > 0 } path ? path : null;
        lock (gate)
        {
            configured = FromConfiguration();
            if (file is not null)
            {
                // Its existence was checked when the service was built (AddBearerTokens): a file unread at start is an error.
                listed = Lines(lastText = File.ReadAllText(file));
            }

            Publish();
        }

        ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            lock (gate)
            {
                configured = FromConfiguration();
                Publish();
            }
        });
        if (file is not null)
        {
            timer = clock.CreateTimer(_ => ReadFile(), null, auth.RevokedTokenIdsFileInterval, auth.RevokedTokenIdsFileInterval);
        }
    }

    public int Count => ids.Count;

    public bool Contains(string? jti) => jti is not null && ids.Contains(jti);

    public void Dispose() => timer?.Dispose();

    /// <summary>The ids of a revocation file's text: one a line, surrounding white space and blank lines ignored, `#` a comment.</summary>
    public static HashSet<string> Lines(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var id = line.Trim();
            if (id.Length > 0 && id[0] != '#')
            {
                set.Add(id);
            }
        }

        return set;
    }

    private void ReadFile()
    {
        string text;
        try
        {
            text = File.ReadAllText(file!); // through the ConfigMap's links: the folder the kubelet last swapped in
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (gate)
            {
                if (!failing)
                {
                    failing = true;
                    LogUnread(logger, ex.GetType().Name, listed.Count);
                }
            }

            return;
        }

        lock (gate)
        {
            failing = false;
            if (text == lastText)
            {
                return;
            }

            (lastText, listed) = (text, Lines(text));
            Publish();
            LogRead(logger, listed.Count);
        }
    }

    private HashSet<string> FromConfiguration() =>
        configuration.GetSection("Auth:RevokedTokenIds").GetChildren().Select(c => c.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private void Publish() => ids = listed.Count == 0 ? configured : configured.Count == 0 ? listed : [.. configured, .. listed];

    [LoggerMessage(Level = LogLevel.Information, Message = "The revocation file was read again: {Count} token ids.")]
    private static partial void LogRead(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation file could not be read ({Error}); the {Count} token ids last read stay refused.")]
    private static partial void LogUnread(ILogger logger, string error, int count);
}

using Socialtjanst.Catalog.Storage;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// Notices writes made by other Catalog instances sharing the database: every couple of seconds it
/// compares each cached kommun's revision with the database and refreshes the ones that moved.
/// </summary>
public sealed partial class CatalogRevisionPoller(CatalogStore store, CatalogCache cache, ILogger<CatalogRevisionPoller> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var revisions = await store.RevisionsAsync(stoppingToken);
                foreach (var code in cache.CachedMunicipalities.ToList())
                {
                    var cached = await cache.GetAsync(code, stoppingToken);
                    if (revisions.TryGetValue(code, out var revision) && revision > cached.Revision)
                    {
                        await cache.RefreshAsync(code, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away for a moment; the cache keeps serving and the next tick retries. Said, by type only.
                LogPollFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for other instances' catalog writes failed ({ExceptionType}); serving the cached catalog, trying again in 2 s")]
    private static partial void LogPollFailed(ILogger logger, string exceptionType);
}

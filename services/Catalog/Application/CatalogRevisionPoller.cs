using Socialtjanst.Catalog.Storage;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// Notices writes made by other Catalog instances sharing the database: every
/// <see cref="FleetOptions.ChangePollInterval"/> it reads every kommun's revision and, for each cached
/// kommun that moved, reads only the rows written since (which wakes that kommun's watchers).
/// </summary>
public sealed partial class CatalogRevisionPoller(CatalogStore store, CatalogCache cache, FleetOptions options, ILogger<CatalogRevisionPoller> logger) : BackgroundService
{
    private int failures;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ChangePollInterval);
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
                        await cache.CatchUpAsync(code, stoppingToken);
                    }
                }

                if (failures > 0)
                {
                    LogPollBack(logger, failures);
                    failures = 0;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away for a moment; the cache keeps serving and the next tick retries. Said
                // once when it starts (by type only), once when it is over: not ten times a second.
                if (failures++ == 0)
                {
                    LogPollFailed(logger, ex.GetType().Name);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for other instances' catalog writes failed ({ExceptionType}); serving the cached catalog and trying again")]
    private static partial void LogPollFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Looking for other instances' catalog writes works again after {Failures} failed attempts")]
    private static partial void LogPollBack(ILogger logger, int failures);
}

using Socialtjanst.Catalog.Storage;

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// Imports the seed catalogs at start, before the service takes calls, into the kommuner that have no catalog yet
/// (every kommun, with Catalog:Seed:Overwrite). A kommun with a catalog is left as its nämnd edited it: a restart
/// (docker-compose, a pod) must not put the seed's texts back.
/// </summary>
public sealed partial class CatalogSeeder(CatalogWriter writer, CatalogStore store, SeedOptions options, ILogger<CatalogSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var directory = options.Directory.Length > 0 ? options.Directory : Path.Combine(AppContext.BaseDirectory, "catalogs");
        var existing = options.Overwrite ? [] : await store.RevisionsAsync(cancellationToken); // before any file: a kommun's several seed files all go in on first start
        foreach (var path in System.IO.Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var code = Path.GetFileName(path)[..4];
            if (existing.GetValueOrDefault(code) > 0)
            {
                LogKept(logger, Path.GetFileName(path));
                continue;
            }

            var content = await File.ReadAllTextAsync(path, cancellationToken);
            var report = await writer.ImportAsync(code, content, requestId: "", journal: null, cancellationToken);
            LogSeeded(logger, Path.GetFileName(path), report.Created, report.Updated, report.Unchanged, report.Findings.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed catalog {File} not imported: the kommun has a catalog (Catalog:Seed:Overwrite imports over it).")]
    private static partial void LogKept(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed catalog {File}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Findings} findings")]
    private static partial void LogSeeded(ILogger logger, string file, int created, int updated, int unchanged, int findings);
}

namespace Socialtjanst.Catalog.Application;

/// <summary>
/// Imports the seed catalogs at start, before the service takes calls. Importing is idempotent:
/// a file already loaded writes nothing and uses no revision.
/// </summary>
public sealed partial class CatalogSeeder(CatalogWriter writer, SeedOptions options, ILogger<CatalogSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var directory = options.Directory.Length > 0 ? options.Directory : Path.Combine(AppContext.BaseDirectory, "catalogs");
        foreach (var path in System.IO.Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var content = await File.ReadAllTextAsync(path, cancellationToken);
            var code = Path.GetFileName(path)[..4];
            var report = await writer.ImportAsync(code, content, requestId: "", cancellationToken);
            LogSeeded(logger, Path.GetFileName(path), report.Created, report.Updated, report.Unchanged, report.Findings.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed catalog {File}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Findings} findings")]
    private static partial void LogSeeded(ILogger logger, string file, int created, int updated, int unchanged, int findings);
}

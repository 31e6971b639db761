using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Socialtjanst.Data;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Settings;

namespace Socialtjanst.Hosting;

/// <summary>
/// The migration Job's whole run (Database:Migrations=Only): the service's migrations, replicas' turns taken, then
/// exit 0. Nothing is served, so it needs only the database's settings: none of a pod's keys, TLS certificates or
/// catalog settings, which a Job should not carry. Called first in Program.cs; the pods then start with Check.
/// </summary>
public static partial class MigrationJob
{
    /// <summary>True when this run was the migration Job and has migrated: the caller exits.</summary>
    public static bool RunIfAsked(this WebApplicationBuilder builder, params Assembly[] migrated)
    {
        var options = SettingsReader.Read<DatabaseOptions>(builder.Configuration);
        if (options.Migrations != MigrationMode.Only)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw ProductionSettings.Missing(builder, "Database:ConnectionString", "the service's own database must be configured");
        }

        using var factory = LoggerFactory.Create(l => l.AddJsonConsole());
        var logger = factory.CreateLogger("Socialtjanst.Migrations");
        foreach (var assembly in migrated)
        {
            Migrations.Run(options, assembly);
            LogMigrated(logger, assembly.GetName().Name ?? "", options.Provider.ToString());
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated {Assembly} on {Provider}: every script applied.")]
    private static partial void LogMigrated(ILogger logger, string assembly, string provider);
}

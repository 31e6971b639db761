using Socialtjanst.Audit;
using Socialtjanst.Catalog.Api;
using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Catalog.Workbench;
using Socialtjanst.Data;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Hosting.Rest;
using Socialtjanst.Settings;

namespace Socialtjanst.Catalog;

/// <summary>Everything the Catalog adds to a host, in one place.</summary>
public static class Extensions
{
    /// <summary>The assemblies whose migrations this service's database takes: its own and the access log's.</summary>
    public static readonly System.Reflection.Assembly[] Migrated = [typeof(Extensions).Assembly, typeof(Audit.AuditExtensions).Assembly];

    /// <summary>The writes: who changed the catalog is logged with the nämnd decision each change rests on.</summary>
    private static readonly string[] AuditedMethods = [.. new[]
    {
        nameof(CatalogService.CatalogServiceBase.CreateIntervention),
        nameof(CatalogService.CatalogServiceBase.UpdateIntervention),
        nameof(CatalogService.CatalogServiceBase.RetireIntervention),
        nameof(CatalogService.CatalogServiceBase.ImportCatalog),
        nameof(CatalogService.CatalogServiceBase.RevertCatalog),
    }.Select(m => AuditExtensions.MethodName(CatalogService.Descriptor, m))];

    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        var database = builder.AddDatabase();
        Migrations.Run(database, typeof(Extensions).Assembly);
        builder.Refuse(c => c.GetValue("Catalog:Seed:Enabled", false) && !c.GetValue("Catalog:Seed:AllowOutsideDevelopment", false),
            "Catalog:Seed:Enabled", "importing the seed catalogs at every start reverts the nämnd's own edits; import once with ImportCatalog, or set Catalog:Seed:AllowOutsideDevelopment=true");

        // Who changed the nämnd's catalog, and on which decision (the access log; scope audit.read reads it).
        builder.AddAudit("Catalog", AuditedMethods);
        builder.AddSettings<SeedOptions>();
        builder.AddSettings<FleetOptions>();
        builder.Services.AddSingleton<CatalogStore>();
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddSingleton<CatalogWriter>();
        builder.Services.AddSingleton<CatalogFeed>();
        builder.Services.AddSingleton<CatalogHistory>();
        builder.Services.AddHostedService<CatalogSeeder>();
        builder.Services.AddHostedService<CatalogRevisionPoller>();
        builder.AddRestFace("catalog", "Socialtjänst Catalog");
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        app.MapRestFace("catalog");
        app.MapGrpcService<CatalogApi>().RequireAuthorization();
        app.MapGrpcService<CatalogHistoryApi>().RequireAuthorization();
        app.MapAudit();
        app.MapWorkbench(); // the nämnd's workbench: with development tokens, or behind the kommun's sign-in (Workbench:SignIn)
        return app;
    }
}

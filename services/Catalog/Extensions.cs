using Socialtjanst.Catalog.Api;
using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Data;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.Catalog;

/// <summary>Everything the Catalog adds to a host, in one place.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        var database = builder.AddDatabase();
        Migrations.Run(database, typeof(Extensions).Assembly);
        builder.Refuse(c => c.GetValue("Catalog:Seed:Enabled", false) && !c.GetValue("Catalog:Seed:AllowOutsideDevelopment", false),
            "Catalog:Seed:Enabled", "importing the seed catalogs at every start reverts the nämnd's own edits; import once with ImportCatalog, or set Catalog:Seed:AllowOutsideDevelopment=true");

        builder.Services.AddSingleton(builder.Configuration.GetSection(SeedOptions.Section).Get<SeedOptions>() ?? new SeedOptions());
        builder.Services.AddSingleton<CatalogStore>();
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddSingleton<CatalogWriter>();
        builder.Services.AddSingleton<CatalogFeed>();
        builder.Services.AddHostedService<CatalogSeeder>();
        builder.Services.AddHostedService<CatalogRevisionPoller>();
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        app.MapGrpcService<CatalogApi>().RequireAuthorization();
        return app;
    }
}

using Socialtjanst.CatalogReplica;
using Socialtjanst.Documentation.Api;

namespace Socialtjanst.Documentation;

public static class Extensions
{
    public static WebApplicationBuilder AddDocumentation(this WebApplicationBuilder builder)
    {
        builder.AddCatalogReplica();
        return builder;
    }

    public static WebApplication MapDocumentation(this WebApplication app)
    {
        app.MapGrpcService<DocumentationApi>().RequireAuthorization();
        return app;
    }
}

using Socialtjanst.CatalogReplica;
using Socialtjanst.Eligibility.Api;
using Socialtjanst.Hosting.Rest;

namespace Socialtjanst.Eligibility;

public static class Extensions
{
    public static WebApplicationBuilder AddEligibility(this WebApplicationBuilder builder)
    {
        builder.AddCatalogReplica();
        builder.AddRestFace("eligibility", "Socialtjänst Eligibility");
        return builder;
    }

    public static WebApplication MapEligibility(this WebApplication app)
    {
        app.MapRestFace("eligibility");
        app.MapGrpcService<EligibilityApi>().RequireAuthorization();
        return app;
    }
}

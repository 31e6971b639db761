using Socialtjanst.CatalogReplica;
using Socialtjanst.Eligibility.Api;
using Socialtjanst.Eligibility.Demo;
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
        app.MapGrpcService<WhatIfApi>().RequireAuthorization();
        app.MapDemoPage(); // the demo e-tjänst, where development defaults are allowed only
        return app;
    }
}

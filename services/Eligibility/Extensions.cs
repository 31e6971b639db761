using Socialtjanst.Audit;
using Socialtjanst.CatalogReplica;
using Socialtjanst.Data;
using Socialtjanst.Eligibility.Api;
using Socialtjanst.Eligibility.Application;
using Socialtjanst.Eligibility.Demo;
using Socialtjanst.Eligibility.Storage;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Rest;
using Socialtjanst.Settings;

namespace Socialtjanst.Eligibility;

public static class Extensions
{
    /// <summary>The assemblies whose migrations this service's database takes: its own and the access log's.</summary>
    public static readonly System.Reflection.Assembly[] Migrated = [typeof(Extensions).Assembly, typeof(Audit.AuditExtensions).Assembly];

    public static WebApplicationBuilder AddEligibility(this WebApplicationBuilder builder)
    {
        // The decision log's database: a check never waits on it, so it does not decide readiness (the log's queue does).
        var database = builder.AddDatabase(readiness: false);
        Migrations.Run(database, typeof(Extensions).Assembly);
        builder.AddAudit("Eligibility", AuditExtensions.MethodName(DecisionLogService.Descriptor, nameof(DecisionLogService.DecisionLogServiceBase.GetLoggedDecision)));
        var options = builder.AddSettings<DecisionLogOptions>();
        builder.Services.AddSingleton<DecisionLogStore>();
        builder.Services.AddSingleton<DecisionLog>();
        builder.Services.AddSingleton<ReadYourWrite>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DecisionLog>());
        builder.Services.AddSingleton<PastQuestions>();
        builder.Services.AddSingleton<WhatIfGate>();
        builder.Services.AddHealthChecks().AddCheck<DecisionLogHealthCheck>("decision-log");
        // The nämnd's workbench (served by the Catalog) calls what-if and the decision log from the browser: its origins only.
        builder.AddCatalogReplica();
        builder.AddRestFace("eligibility", "Socialtjänst Eligibility");
        return builder;
    }

    public static WebApplication MapEligibility(this WebApplication app)
    {
        app.MapRestFace("eligibility");
        app.MapGrpcService<EligibilityApi>().RequireAuthorization().WithShapedAnswers();
        app.MapGrpcService<WhatIfApi>().RequireAuthorization();
        app.MapGrpcService<DecisionLogApi>().RequireAuthorization();
        app.MapAudit();
        app.MapDemoPage(); // the demo e-tjänst, where development defaults are allowed only
        return app;
    }
}

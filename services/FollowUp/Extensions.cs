using Socialtjanst.CatalogReplica;
using Socialtjanst.FollowUp.Api;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Audit;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.FollowUp;

public static class Extensions
{
    /// <summary>Every method that reads or writes decisions: all but the activity-level follow-ups.</summary>
    private static readonly string[] AuditedMethods = FollowUpService.Descriptor.Methods
        .Where(m => m.Name != nameof(FollowUpService.FollowUpServiceBase.ListActivityFollowUps))
        .Select(m => AuditExtensions.MethodName(FollowUpService.Descriptor, m.Name))
        .ToArray();

    public static WebApplicationBuilder AddFollowUp(this WebApplicationBuilder builder)
    {
        var database = builder.AddDatabase();
        Migrations.Run(database, typeof(Extensions).Assembly);
        builder.AddAudit("FollowUp", AuditedMethods);
        builder.AddCatalogReplica();
        builder.Services.AddSingleton<FollowUpStore>();
        builder.Services.AddSingleton<Decisions>();
        builder.Services.AddSingleton<Rescheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Rescheduler>());
        return builder;
    }

    public static WebApplication MapFollowUp(this WebApplication app)
    {
        app.MapGrpcService<FollowUpApi>().RequireAuthorization();
        app.MapAudit();
        return app;
    }
}

using Socialtjanst.CatalogReplica;
using Socialtjanst.FollowUp.Api;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Data;

namespace Socialtjanst.FollowUp;

public static class Extensions
{
    public static WebApplicationBuilder AddFollowUp(this WebApplicationBuilder builder)
    {
        var database = builder.AddDatabase();
        Migrations.Run(database, typeof(Extensions).Assembly);
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
        return app;
    }
}

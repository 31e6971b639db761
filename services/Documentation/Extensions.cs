using Socialtjanst.Audit;
using Socialtjanst.CatalogReplica;
using Socialtjanst.Data;
using Socialtjanst.Documentation.Api;
using Socialtjanst.Documentation.Application;
using Socialtjanst.Documentation.Storage;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Hosting.Rest;
using Socialtjanst.Settings;

namespace Socialtjanst.Documentation;

public static class Extensions
{
    /// <summary>The assemblies whose migrations this service's database takes: its own and the access log's.</summary>
    public static readonly System.Reflection.Assembly[] Migrated = [typeof(Extensions).Assembly, typeof(Audit.AuditExtensions).Assembly];

    public static WebApplicationBuilder AddDocumentation(this WebApplicationBuilder builder)
    {
        var database = builder.AddDatabase();
        Migrations.Run(database, typeof(Extensions).Assembly);
        builder.AddAudit("Documentation",
            AuditExtensions.MethodName(DocumentationService.Descriptor, nameof(DocumentationService.DocumentationServiceBase.ReviewRecord)),
            AuditExtensions.MethodName(DocumentationService.Descriptor, nameof(DocumentationService.DocumentationServiceBase.RecordParticipation)));
        builder.AddCatalogReplica();
        builder.Services.AddSingleton<ParticipationStore>();
        builder.Services.AddSingleton<Interventions>();
        builder.Services.AddSingleton<ActivityReports>();
        builder.Services.AddSingleton<Participations>();
        builder.Services.AddWarmUp(() => _ = NoteScanning.Lexicon.Instance);
        builder.AddSettings<ReportOptions>();
        builder.AddRestFace("documentation", "Socialtjänst Documentation");
        return builder;
    }

    public static WebApplication MapDocumentation(this WebApplication app)
    {
        app.MapRestFace("documentation");
        app.MapGrpcService<DocumentationApi>().RequireAuthorization();
        app.MapAudit();
        return app;
    }
}

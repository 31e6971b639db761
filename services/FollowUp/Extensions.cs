using System.Text.RegularExpressions;
using Socialtjanst.Audit;
using Socialtjanst.CatalogReplica;
using Socialtjanst.Data;
using Socialtjanst.FollowUp.Api;
using Socialtjanst.FollowUp.Application;
using Socialtjanst.FollowUp.Domain;
using Socialtjanst.FollowUp.Storage;
using Socialtjanst.FollowUp.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Hosting.Rest;

namespace Socialtjanst.FollowUp;

public static class Extensions
{
    /// <summary>The assemblies whose migrations this service's database takes: its own and the access log's.</summary>
    public static readonly System.Reflection.Assembly[] Migrated = [typeof(Extensions).Assembly, typeof(Audit.AuditExtensions).Assembly];

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
        builder.Services.AddSingleton<ExecutionDelays>();
        builder.Services.AddSingleton(CaseReferenceFormats(builder.Configuration));
        builder.Services.AddSingleton<FollowUpRequests>();
        builder.Services.AddSingleton<StoredCaseReferences>();
        builder.Services.AddWarmUp(() => _ = NoteScanning.Lexicon.Instance);
        builder.Services.AddSingleton<Rescheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Rescheduler>());
        builder.AddRestFace("followup", "Socialtjänst FollowUp");
        return builder;
    }

    public static WebApplication MapFollowUp(this WebApplication app)
    {
        app.MapRestFace("followup");
        app.MapGrpcService<FollowUpApi>().RequireAuthorization();
        app.MapAudit();
        return app;
    }

    /// <summary>
    /// Each kommun's own case-number format (FollowUp:CaseReferences:Municipalities:{kommunkod}, a regular
    /// expression), else FollowUp:CaseReferences:Default, else <see cref="CaseReferences.DefaultPattern"/>.
    /// </summary>
    public static CaseReferences CaseReferenceFormats(IConfiguration configuration)
    {
        var section = configuration.GetSection("FollowUp:CaseReferences");
        // Linear time whatever the kommun writes (no backtracking to blow up), so the timeout is only a backstop, not
        // a 50 ms wall-clock limit a busy machine could reach with a harmless pattern.
        static Regex Compile(string pattern) => CaseReferences.Compile(pattern);
        var formats = section.GetSection("Municipalities").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => Compile(c.Value!), StringComparer.Ordinal);
        return new CaseReferences(Compile(section["Default"] is { Length: > 0 } d ? d : CaseReferences.DefaultPattern), formats);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Data;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Settings;

namespace Socialtjanst.Audit;

public static class AuditExtensions
{
    /// <summary>
    /// Adds the access log to a service with a database: the audit_event table, the interceptor
    /// for the named methods (full gRPC names), the batch writer with retention, and the
    /// AuditService for the kommun's auditors. Call after AddDatabase.
    /// </summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder, string service, params string[] methods)
    {
        var options = builder.AddSettings<AuditOptions>();
        if (!SubjectPseudonyms.Configured(builder.Configuration))
        {
            throw ProductionSettings.Missing(builder, "Audit:SubjectKey", "the key that pseudonymizes who acted in the access log (base64, 32 bytes)");
        }

        var database = builder.Services.Single(d => d.ServiceType == typeof(DatabaseOptions)).ImplementationInstance as DatabaseOptions
            ?? throw new InvalidOperationException("AddDatabase must come before AddAudit.");
        Migrations.Run(database, typeof(AuditExtensions).Assembly);
        builder.Services.AddSingleton(new AuditedMethods(service, methods.ToHashSet(StringComparer.Ordinal)));
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddSingleton<SubjectPseudonyms>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        builder.Services.AddSingleton<AuditInterceptor>(); // stateless: one instance, not one made per call
        builder.Services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(o => o.Interceptors.Add<AuditInterceptor>());
        return builder;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<AuditApi>().RequireAuthorization();
        return app;
    }

    /// <summary>The full gRPC name of a method, e.g. "/socialtjanst.followup.v1.FollowUpService/GetDecision".</summary>
    public static string MethodName(Google.Protobuf.Reflection.ServiceDescriptor service, string method) =>
        $"/{service.FullName}/{service.FindMethodByName(method)?.Name ?? throw new ArgumentException("No such method: " + method)}";
}

using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Socialtjanst.Data;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Hosting.Limits;
using Socialtjanst.Hosting.Logging;
using Socialtjanst.Settings;

namespace Socialtjanst.Hosting;

/// <summary>What every service of the suite shares: auth and tenant, errors, limits, health,
/// reflection, structured logs and OpenTelemetry. Domain code never lives here.</summary>
public static class ServiceDefaults
{
    public const int MaxReceiveMessageBytes = 4 * 1024 * 1024;
    public const int MaxSendMessageBytes = 16 * 1024 * 1024;

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        // Request paths and query strings hidden at the source, whatever categories an operator raises.
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new Logging.RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<Microsoft.Extensions.Options.IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        // Defaults under every other configuration source, so an operator can raise any category (to
        // Trace, even: the leak tests run so). Request bodies are never logged; the framework's
        // per-request info lines carry paths only, but they are noise at this volume. grpc-dotnet logs
        // whole exceptions for what reaches it past the interceptors (a client resetting its stream
        // mid-call); ErrorInterceptor logs every unexpected handler exception by type and method.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Grpc"] = "Warning",
                ["Logging:LogLevel:Grpc.AspNetCore.Server.ServerCallHandler"] = "None",
                // The host's own request lines (request starting/finished, at Information). While this category is
                // enabled at any level, ASP.NET Core makes an Activity for every request so log scopes could carry its
                // ids: ~0.3 KB and an execution-context change per call that no log line here reads. Raise it by
                // name to see those lines; with a collector (OTEL_EXPORTER_OTLP_ENDPOINT) traces make their own.
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
            },
        });

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2);
            k.Limits.MaxRequestBodySize = MaxReceiveMessageBytes + 1024;
            if (builder.Configuration[MutualTls.Setting] is { Length: > 0 } authority)
            {
                k.ConfigureHttpsDefaults(https => MutualTls.Require(https, authority));
            }
        });

        builder.Services.AddSingleton(TimeProvider.System);
        Rest.BrowserOrigins.Add(builder);
        builder.Services.AddSingleton(Requests.PageTokens.From(builder.Configuration));
        builder.AddSettings<CallLimitOptions>();
        builder.Services.AddSingleton<FleetShare>();
        builder.Services.AddSingleton<CallLimitsInterceptor>();
        builder.Services.AddSingleton<ErrorInterceptor>(); // stateless: one instance, not one made per call
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxReceiveMessageBytes;
            o.MaxSendMessageSize = MaxSendMessageBytes;
            o.EnableDetailedErrors = false;
            o.Interceptors.Add<CallLimitsInterceptor>();
            o.Interceptors.Add<ErrorInterceptor>();
        });
        // After every service's own interceptors (audit): the handler's problems become statuses
        // before any of them looks at the outcome.
        builder.Services.PostConfigure<GrpcServiceOptions>(o => o.Interceptors.Add<ErrorInterceptor>());
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<GracefulShutdown>("shutdown");
        // Liveness (the Kubernetes probe): the process answers and is not shutting down, whatever its database
        // or catalog; readiness is "" (every check). A lost database makes a pod unready, never restarted.
        builder.Services.Configure<Grpc.AspNetCore.HealthChecks.GrpcHealthChecksOptions>(o =>
        {
            o.Services.Map("", r => !r.Tags.Contains(InformationalTag));
            o.Services.Map(LivenessService, r => r.Name == "shutdown");
        });
        builder.Services.UseStrictRequestParsing();
        builder.AddGracefulShutdown();

        builder.AddBearerTokens();
        builder.AddTelemetry(serviceName);
        ProductionSettings.AddSharedRules(builder);
        return builder;
    }

    /// <summary>The port of the probes' own endpoint (health paths only), where mutual TLS leaves the kubelet out.</summary>
    public const string ProbePortSetting = "Health:ProbePort";

    /// <summary>The gRPC health service name of the liveness probe.</summary>
    public const string LivenessService = "liveness";

    /// <summary>
    /// The tag of a check that informs but does not decide readiness (a consumer's catalog stream being down: it still
    /// answers from its last-known-good copy, and says so in its answers). Left out of /health/ready and of the gRPC
    /// health service's overall status alike, so the two always agree.
    /// </summary>
    public const string InformationalTag = "informational";

    /// <summary>
    /// Runs the service; with Database:Migrations=Only (the migration Job) it starts (migrations were applied
    /// while it was built; hosted start-up work such as the seed import runs now), stops and returns.
    /// </summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        if (app.Services.GetService<DatabaseOptions>() is { Migrations: MigrationMode.Only }) // in-process hosts; Program.cs exits earlier (MigrationJob)
        {
            await app.StartAsync();
            await app.StopAsync();
            return;
        }

        await app.RunAsync();
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        ProductionSettings.ThrowIfRefused(app.Services, app.Environment.EnvironmentName);
        app.Lifetime.ApplicationStarted.Register(() => Logging.RequestTargets.Learn(app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>()));
        // The kubelet's probes present no client certificate: under mutual TLS they use an endpoint of their own
        // (Kestrel:Endpoints:Probes, ClientCertificateMode NoCertificate), which answers the health paths and nothing else.
        if (app.Configuration.GetValue<int?>(ProbePortSetting) is { } probePort)
        {
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort == probePort && !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        Rest.BrowserOrigins.Use(app); // a preflight is answered before a token is asked for
        app.UseAuthentication();
        app.UseAuthorization();
        // gRPC-web on every endpoint (browser clients: the generated TypeScript client); over HTTP/1.1 on the REST port.
        app.UseGrpcWeb(new() { DefaultEnabled = true });
        app.MapGrpcHealthChecksService();
        // The same over HTTP for the kubelet, which cannot probe gRPC over TLS: live (not shutting down; never
        // the database) and ready (every check). They answer a status word, nothing more.
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = r => r.Name == "shutdown" });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = r => !r.Tags.Contains(InformationalTag) });

        // Reflection lists every method and message: open for development tools (buf curl), behind a
        // valid token, or off (Reflection:Mode = Open | Token | Off; Open unless configured).
        var reflection = app.Configuration["Reflection:Mode"] ?? "Open";
        if (string.Equals(reflection, "Token", StringComparison.OrdinalIgnoreCase))
        {
            app.MapGrpcReflectionService().RequireAuthorization();
        }
        else if (!string.Equals(reflection, "Off", StringComparison.OrdinalIgnoreCase))
        {
            app.MapGrpcReflectionService();
        }

        return app;
    }

    /// <summary>Binds the service's database options from configuration (section "Database").</summary>
    public static DatabaseOptions AddDatabase(this WebApplicationBuilder builder, bool readiness = true)
    {
        var options = builder.AddSettings<DatabaseOptions>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw ProductionSettings.Missing(builder, "Database:ConnectionString", "the service's own database must be configured");
        }

        builder.Services.AddSingleton<DbConnectionFactory>();
        builder.Services.AddSingleton<JobLeases>();
        // A service that answers from memory and writes later (Eligibility's decision log) stays ready while its
        // database is away: the check then only says so (Degraded), once, and its own queue decides readiness.
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", readiness ? HealthStatus.Unhealthy : HealthStatus.Degraded);
        return options;
    }

    private static void AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        var options = builder.AddSettings<ShutdownOptions>();
        builder.Services.AddSingleton<GracefulShutdown>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainDelay + options.InFlightTimeout);
    }

    private static void AddBearerTokens(this WebApplicationBuilder builder)
    {
        var auth = builder.AddSettings<AuthOptions>();
        if (auth.RevokedTokenIdsFile is { Length: > 0 } revoked && !File.Exists(revoked))
        {
            throw Lifecycle.ProductionSettings.Missing(builder, "Auth:RevokedTokenIdsFile", "the revocation file it names must exist (its ConfigMap mounted)");
        }

        builder.Services.AddSingleton(sp => new RevokedTokens(sp.GetRequiredService<IConfiguration>(), auth, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RevokedTokens>>()));
        BearerTokens.Add(builder, auth);
        builder.Services.AddAuthorization();
    }

    private static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var options = builder.AddSettings<TelemetryOptions>();
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return; // nowhere to send it: nothing collected (the meters still answer a MeterListener, as tests use)
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                .AddSource(Telemetry.SourceName(serviceName)))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(Telemetry.SourceName(serviceName))
                .AddMeter(Telemetry.HostingMeter))
            .UseOtlpExporter();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi.Models;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// Every service's REST/JSON face: gRPC JSON transcoding of the google.api.http rules in its protos,
/// and an OpenAPI document generated from those protos and their comments (Microsoft.AspNetCore.Grpc.Swagger,
/// MIT) at <c>GET /openapi/{service}.json</c>; a browsable page at <c>/openapi</c> outside Production.
/// The committed copies under <c>openapi/</c> are checked against what the services serve (RestFaceTests).
/// </summary>
public static class RestFace
{
    public static WebApplicationBuilder AddRestFace(this WebApplicationBuilder builder, string document, string title)
    {
        // Error details travel as google.rpc messages; the REST face must know them to write them.
        builder.Services.AddGrpc().AddJsonTranscoding(o => o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
            Google.Rpc.BadRequest.Descriptor, Google.Rpc.PreconditionFailure.Descriptor, Google.Rpc.ErrorInfo.Descriptor));
        builder.Services.AddGrpcSwagger();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IApiDescriptionProvider, ResourcePaths>());
        builder.Services.UseStrictRequestParsing(); // AddGrpc (also inside AddGrpcSwagger) brings back the default method provider
        builder.Services.AddSwaggerGen(o =>
        {
            o.OperationFilter<StreamedAnswers.OperationFilter>();
            o.OperationFilter<OpenApiShape>();
            o.DocumentFilter<OpenApiShape>();
            o.SwaggerDoc(document, new OpenApiInfo
            {
                Title = title,
                Version = "v1",
                Description = "REST/JSON over the gRPC contract (gRPC JSON transcoding). Errors are a google.rpc.Status in JSON: " +
                    "code, message and details (google.rpc.BadRequest names the offending fields). Every call needs a bearer token.",
            });
            var contracts = Path.Combine(AppContext.BaseDirectory, "Socialtjanst.Contracts.xml");
            if (File.Exists(contracts))
            {
                o.IncludeXmlComments(contracts);
                o.IncludeGrpcXmlComments(contracts, includeControllerXmlComments: true);
            }

            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT" });
            o.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" } }] = [],
            });
        });
        return builder;
    }

    public static WebApplication MapRestFace(this WebApplication app, string document)
    {
        app.UseSafeTranscodingErrors("/v1");
        app.UseRestRequestChecks();
        app.UseStreamedAnswersAsNdjson();
        app.UseConditionalGets();
        app.UseShapedAnswers();
        // The document is an endpoint of its own and the page a branch of /openapi: no other call passes through them
        // (as middleware, Swagger resolved its provider from the container on every call, gRPC's too).
        app.MapSwagger("openapi/{documentName}.json");
        if (!app.Environment.IsProduction())
        {
            app.UseWhen(c => c.Request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal), page => page.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint($"/openapi/{document}.json", document);
                o.RoutePrefix = "openapi";
            }));
        }

        return app;
    }
}

using Socialtjanst.CatalogReplica;
using Socialtjanst.Eligibility.Api;
using Socialtjanst.Eligibility.Rest;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting;

namespace Socialtjanst.Eligibility;

public static class Extensions
{
    public static WebApplicationBuilder AddEligibility(this WebApplicationBuilder builder)
    {
        builder.AddCatalogReplica();
        // Error details travel as google.rpc messages; the REST face must know them to write them.
        builder.Services.AddGrpc().AddJsonTranscoding(o => o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
            Google.Rpc.BadRequest.Descriptor, Google.Rpc.PreconditionFailure.Descriptor));
        builder.Services.UseStrictRequestParsing(); // AddGrpc brings back the default method provider
        return builder;
    }

    public static WebApplication MapEligibility(this WebApplication app)
    {
        app.UseSafeTranscodingErrors("/v1");
        app.MapGrpcService<EligibilityApi>().RequireAuthorization();
        app.MapProtoOpenApi("/openapi/eligibility.json", EligibilityService.Descriptor, "Socialtjänst Eligibility");
        return app;
    }
}

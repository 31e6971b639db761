using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// What a client generator needs of each REST operation and the document can be read without the protos: an
/// operationId (the RPC's name, lowerCamel), path parameters described with an example, the proto comment split
/// into a one-line summary and its description, every error status with the google.rpc.Status schema, and a server.
/// </summary>
public sealed class OpenApiShape : IOperationFilter, IDocumentFilter
{
    private static readonly Dictionary<string, (string Description, string Example)> PathParameters = new(StringComparer.Ordinal)
    {
        ["municipalities_id"] = ("The kommunkod, four digits: the caller's own kommun (another is 403).", "2514"),
        ["interventions_id"] = ("The insats's id in the kommun's catalog (the last segment of its name).", "bra-samtal"),
        ["decisions_id"] = ("The id of a decision (FollowUp) or of an answer (Eligibility's decision log), as given when it was made.", "0196f1a2b3c4d5e6f708-1"),
    };

    private static readonly (string Status, string Description)[] Errors =
    [
        ("400", "INVALID_ARGUMENT (google.rpc.BadRequest names each field) or FAILED_PRECONDITION (google.rpc.PreconditionFailure cites the paragraph)."),
        ("401", "UNAUTHENTICATED: no token, or one not valid here."),
        ("403", "PERMISSION_DENIED: another kommun's resource, or a scope the token lacks."),
        ("404", "NOT_FOUND."),
        ("409", "ALREADY_EXISTS or ABORTED (an etag or a request id that does not match: read again and retry)."),
        ("429", "RESOURCE_EXHAUSTED: the kommun's or the caller's call limit; retry after the delay given."),
        ("503", "UNAVAILABLE: not ready yet (the kommun's catalog has not arrived, or an answer is not yet saved); retry."),
    ];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is { } transcoding)
        {
            var method = transcoding.MethodDescriptor.Name;
            operation.OperationId = char.ToLowerInvariant(method[0]) + method[1..];
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == ParameterLocation.Path))
        {
            if (PathParameters.TryGetValue(parameter.Name, out var known))
            {
                parameter.Description = known.Description;
                parameter.Example = new OpenApiString(known.Example);
            }
        }

        if (operation.Summary is { } summary && summary.Split('\n', 2) is [var first, var rest])
        {
            operation.Summary = first.Trim();
            operation.Description = rest.Trim();
        }

        if (operation.Responses.TryGetValue("default", out var fallback))
        {
            foreach (var (status, description) in Errors)
            {
                operation.Responses.TryAdd(status, new OpenApiResponse { Description = description, Content = fallback.Content });
            }
        }
    }

    public void Apply(OpenApiDocument document, DocumentFilterContext context) =>
        document.Servers = [new OpenApiServer { Url = "/", Description = "The service's REST face (the embedded default: Catalog 5111, Eligibility 5112, Documentation 5113, FollowUp 5114)." }];
}

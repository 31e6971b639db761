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

        if (string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)
            && context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is { MethodDescriptor.IsServerStreaming: false })
        {
            Revalidated(operation);
        }

        if (operation.Responses.TryGetValue("default", out var fallback))
        {
            foreach (var (status, description) in Errors)
            {
                operation.Responses.TryAdd(status, new OpenApiResponse { Description = description, Content = fallback.Content });
            }
        }
    }

    /// <summary>What <see cref="ConditionalGets"/> does to a unary GET, declared: the ETag and Cache-Control of a 200, If-None-Match, and 304.</summary>
    private static void Revalidated(OpenApiOperation operation)
    {
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Required = false,
            Description = "The ETag of an answer already held: when the answer would be the same, 304 with no body.",
            Schema = new OpenApiSchema { Type = "string" },
        });
        if (operation.Responses.TryGetValue("200", out var ok))
        {
            ok.Headers["ETag"] = new OpenApiHeader { Description = "A tag of this answer (a hash of its body): send it as If-None-Match to revalidate.", Schema = new OpenApiSchema { Type = "string" } };
            ok.Headers["Cache-Control"] = new OpenApiHeader { Description = "private, no-cache: kept by the caller's own browser only, and revalidated each time.", Schema = new OpenApiSchema { Type = "string" } };
        }

        operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not Modified: the answer is the one whose ETag was sent in If-None-Match; no body." });
    }

    public void Apply(OpenApiDocument document, DocumentFilterContext context) =>
        document.Servers = [new OpenApiServer { Url = "/", Description = "The service's REST face (the embedded default: Catalog 5111, Eligibility 5112, Documentation 5113, FollowUp 5114)." }];
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// A server-streaming RPC over REST (FollowUp's IVO export) is sent as transcoding makes it: one JSON object per
/// message, one per line, each written as it is made. That is NDJSON, and it is declared so: the answer's
/// content type is <c>application/x-ndjson</c> and the OpenAPI document says the same, so a client reads it line
/// by line instead of failing on <c>response.json()</c>. An error before the first message stays a JSON status.
/// </summary>
public static class StreamedAnswers
{
    public const string ContentType = "application/x-ndjson";

    public static IApplicationBuilder UseStreamedAnswersAsNdjson(this IApplicationBuilder app) =>
        app.Use(next => context =>
        {
            if (IsServerStreaming(context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>()))
            {
                DeclareNdjson(context.Response); // its own method: the closure is made for a stream only, not for every request
            }

            return next(context);
        });

    private static void DeclareNdjson(HttpResponse response) =>
        response.OnStarting(() =>
        {
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                response.ContentType = ContentType;
            }

            return Task.CompletedTask;
        });

    private static bool IsServerStreaming(GrpcJsonTranscodingMetadata? transcoding) => transcoding?.MethodDescriptor.IsServerStreaming == true;

    /// <summary>The OpenAPI side: a streaming operation's 200 is NDJSON of its message.</summary>
    public sealed class OperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!IsServerStreaming(context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault())
                || !operation.Responses.TryGetValue("200", out var ok)
                || !ok.Content.Remove("application/json", out var json))
            {
                return;
            }

            ok.Description = "A stream: one JSON object per line (NDJSON), each sent as it is made.";
            ok.Content[ContentType] = json;
        }
    }
}

using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// Before transcoding reads a REST request's body, checks it against its message (<see cref="JsonRequestCheck"/>):
/// a body that is not JSON, or names a field that does not exist, or gives a value of the wrong type, is answered
/// 400 with a google.rpc.Status whose BadRequest names every such field, as the gRPC face answers a wrong field.
/// Transcoding would otherwise ignore an unknown field (a typo silently asked another question) or answer in
/// English naming nothing.
/// </summary>
public static class RestRequestBodies
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(BadRequest.Descriptor)));

    // A request without a body to check (every gRPC call, every GET) passes straight on, without a frame here.
    public static IApplicationBuilder UseRestRequestChecks(this IApplicationBuilder app) =>
        app.Use(next => context =>
            context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { } transcoding && transcoding.HttpRule.Body.Length > 0
                ? CheckedAsync(context, transcoding, next)
                : next(context));

    private static async Task CheckedAsync(HttpContext context, GrpcJsonTranscodingMetadata transcoding, RequestDelegate next)
    {
        if (await ProblemsAsync(context, transcoding) is { Count: > 0 } problems)
        {
            var status = Problems.InvalidArgument(problems).ToStatus();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Formatter.Format(status), context.RequestAborted);
            return;
        }

        await next(context);
    }

    /// <summary>A body up to this size (every portal's request) is read once into memory, checked, and given to transcoding from there.</summary>
    public const int SmallBody = 64 * 1024;

    private static async Task<IReadOnlyList<FieldProblem>?> ProblemsAsync(HttpContext context, GrpcJsonTranscodingMetadata transcoding)
    {
        if (context.Request.ContentLength is > 0 and <= SmallBody and var length)
        {
            var bytes = new byte[length];
            await context.Request.Body.ReadExactlyAsync(bytes, context.RequestAborted);
            context.Request.Body = new MemoryStream(bytes, writable: false);
            return Checked(bytes, transcoding);
        }

        // Larger, or of unstated length: buffered (to a file past 30 KB), read whole, and read again by transcoding.
        context.Request.EnableBuffering();
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            return Checked(body.GetBuffer().AsSpan(0, (int)body.Length), transcoding);
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }

    private static IReadOnlyList<FieldProblem>? Checked(ReadOnlySpan<byte> json, GrpcJsonTranscodingMetadata transcoding)
    {
        try
        {
            var rule = transcoding.HttpRule.Body;
            var input = transcoding.MethodDescriptor.InputType;
            if (rule == "*")
            {
                return JsonRequestCheck.Check(json, input);
            }

            var field = input.FindFieldByName(rule);
            return field?.MessageType is { } message ? JsonRequestCheck.Check(json, message, field.JsonName + ".") : null;
        }
        catch (JsonException ex)
        {
            return NotJson(ex);
        }
    }

    // Where, never what: the reader's message can quote the text.
    private static List<FieldProblem> NotJson(JsonException ex) =>
        [new FieldProblem("body", $"Är inte giltig JSON (rad {(ex.LineNumber ?? 0) + 1}, tecken {(ex.BytePositionInLine ?? 0) + 1}).")];
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// gRPC JSON transcoding answers a request body it cannot read with the JSON reader's own message,
/// which can quote the offending value ("Error converting value ... to enum type ..."): a
/// personnummer typed into the wrong field would come back in the error and end up in a portal's
/// logs. This rewrites such messages, for REST paths only. Errors the services raise themselves
/// carry google.rpc details and pass unchanged.
/// </summary>
public static class SafeTranscodingErrors
{
    public const string Message = "Request JSON payload is not correctly formatted.";

    // Every case of the prefix (a route's literal segments match any case), and never a streamed answer: a server stream
    // is sent as it is made, not held back to be looked at. Any other request passes straight on, without a frame here.
    public static IApplicationBuilder UseSafeTranscodingErrors(this IApplicationBuilder app, string pathPrefix) =>
        app.Use(next => context =>
            !context.Request.Path.StartsWithSegments(pathPrefix, StringComparison.OrdinalIgnoreCase)
            || context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Grpc.JsonTranscoding.GrpcJsonTranscodingMetadata>()?.MethodDescriptor.IsServerStreaming == true
                ? next(context)
                : RewrittenAsync(context, next));

    // Only an answer that starts as a 400 is held back to be looked at; any other is written through as it is made (an
    // answer's status is final when its body begins).
    private static async Task RewrittenAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        await using var held = new FailuresHeldBack(context.Response, original);
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (held.Buffer is not { } buffer)
        {
            return;
        }

        buffer.Position = 0;
        if (IsUndetailedError(buffer))
        {
            var safe = JsonSerializer.SerializeToUtf8Bytes(new { code = 3, message = Message, details = Array.Empty<object>() });
            context.Response.ContentLength = safe.Length;
            await original.WriteAsync(safe, context.RequestAborted);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>The answer's body: written through, unless its status is 400 when it begins; then kept in <see cref="Buffer"/>.</summary>
    private sealed class FailuresHeldBack(HttpResponse response, Stream original) : WriteOnlyStream
    {
        private Stream? target;

        public MemoryStream? Buffer { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Target().Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => Target().Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Target().WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => Target().WriteAsync(buffer, cancellationToken);

        public override void Flush() => target?.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => target?.FlushAsync(cancellationToken) ?? Task.CompletedTask;


        private Stream Target() => target ??= response.StatusCode == StatusCodes.Status400BadRequest ? Buffer = new MemoryStream() : original;
    }

    private static bool IsUndetailedError(MemoryStream body)
    {
        try
        {
            using var json = JsonDocument.Parse(body.ToArray());
            return !json.RootElement.TryGetProperty("details", out var details)
                   || details.ValueKind != JsonValueKind.Array
                   || details.GetArrayLength() == 0;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}

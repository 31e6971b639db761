using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// A REST read a browser may revalidate instead of downloading again: every successful GET of a unary RPC carries an
/// ETag (a hash of the answer it would send) and <c>Cache-Control: private, no-cache</c> (kept by the caller's browser
/// only, and asked again each time), and a GET whose <c>If-None-Match</c> names that tag is answered 304 with no body.
/// The answer is still made — authorization, the kommun check and the access log run as for any call — so a 304 says
/// nothing a 200 would not; what is saved is the portal's bandwidth (the questions of a day are ~11 KB per visitor).
/// Streamed answers (NDJSON) are left alone.
/// </summary>
public static class ConditionalGets
{
    // Anything but a GET of a unary RPC over REST passes straight on, without a frame here.
    public static IApplicationBuilder UseConditionalGets(this IApplicationBuilder app) =>
        app.Use(next => context => Handles(context) ? TaggedAsync(context, next) : next(context));

    /// <summary>A GET of a unary RPC over REST: what this tags (and <see cref="PreparedAnswers"/> may answer from what it kept).</summary>
    public static bool Handles(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { MethodDescriptor.IsServerStreaming: false };

    private static async Task TaggedAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        var answer = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            string tag;
            if (PreparedAnswers.For(context) is { } prepared)
            {
                (answer, tag) = (prepared.Json, prepared.Tag); // what transcoding wrote this time is an empty message
            }
            else
            {
                tag = "\"" + Convert.ToBase64String(SHA256.HashData(answer.Span), 0, 16) + "\"";
                PreparedAnswers.Keep(context, answer.Span, tag);
            }

            context.Response.Headers.ETag = tag;
            context.Response.Headers.CacheControl = "private, no-cache";
            context.Response.Headers.Vary = HeaderNames.Authorization;
            if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Tag.Equals(tag, StringComparison.Ordinal) || t.Equals(EntityTagHeaderValue.Any)))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.ContentLength = 0;
                context.Response.Headers.ContentType = default;
                return;
            }
        }

        context.Response.ContentLength = answer.Length;
        await body.WriteAsync(answer, context.RequestAborted);
    }
}

using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// A REST answer that many calls share but for one text of its own (an eligibility answer and its decision id): the
/// first time a shape is answered over REST, transcoding writes it as any other answer and its JSON is kept, split
/// around that text (<see cref="Form"/>); every later answer of the same shape is those bytes with the call's own text
/// between them, and transcoding writes an empty message that is thrown away. Which answers share a shape is the
/// service's to say (it keys the forms by the answer's whole content but the text); the call is the same call either
/// way (authentication, every interceptor, the handler and what it keeps run before the answer is chosen). Only the JSON
/// writing of an answer already written once is saved (gRPC's counterpart: <see cref="Answers.KeptMessages"/>). A service takes part with
/// <see cref="WithShapedAnswers"/>; its other answers pass through unchanged.
/// </summary>
public static class ShapedAnswers
{
    private static readonly object Slot = new();

    /// <summary>Marks a service's REST answers as ones a handler may shape (the marker on its endpoints).</summary>
    public static TBuilder WithShapedAnswers<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Marker.Instance);

    /// <summary>A POST of a unary RPC over REST of a service that takes part: the answer goes through <see cref="Answer"/>.</summary>
    public static IApplicationBuilder UseShapedAnswers(this IApplicationBuilder app) =>
        app.Use(next => context =>
            !HttpMethods.IsGet(context.Request.Method) // a GET is ConditionalGets' (and PreparedAnswers')
            && context.GetEndpoint()?.Metadata is { } metadata && metadata.GetMetadata<Marker>() is not null
            && metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { MethodDescriptor.IsServerStreaming: false }
                ? AnsweredAsync(context, next)
                : next(context));

    /// <summary>Whether this call's answer may be shaped: a REST call of a service that takes part (ask before finding its form).</summary>
    public static bool Applies(ServerCallContext context) =>
        context.GetHttpContext().GetEndpoint()?.Metadata is { } metadata
        && metadata.GetMetadata<Marker>() is not null && metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null;

    /// <summary>
    /// The answer to return from the handler of a call <see cref="Applies"/> to: once the shape's JSON is kept, an empty
    /// message (the kept JSON with <paramref name="own"/> in its place is written instead); else the answer itself, whose
    /// JSON is kept when transcoding has written it. <paramref name="own"/> is the answer's text that differs per call, as
    /// the answer holds it; a shape whose JSON does not hold it exactly once, unescaped, is never kept.
    /// </summary>
    public static T Answer<T>(ServerCallContext context, T answer, Form form, string own)
        where T : IMessage<T>, new()
    {
        context.GetHttpContext().Items[Slot] = new Chosen(form, System.Text.Encoding.UTF8.GetBytes(own));
        return form.Json is null ? answer : Empty<T>.Message;
    }

    // The stand-in transcoding writes and the answer stream drops: one shared message a type, only ever read.
    private static class Empty<T>
        where T : IMessage<T>, new()
    {
        public static readonly T Message = new();
    }

    /// <summary>One shape's JSON as transcoding wrote it, split around the text of the call that wrote it first.</summary>
    public sealed class Form
    {
        private volatile Kept? json;

        /// <summary>Whether the shape's JSON is kept.</summary>
        public bool IsKept => json is not null;

        internal Kept? Json => json;

        /// <summary>Keeps what transcoding wrote for the shape, split around the call's own text (when it is there exactly once).</summary>
        public void Keep(ReadOnlySpan<byte> written, ReadOnlySpan<byte> own)
        {
            var at = Answers.OwnText.OnceIn(written, own);
            if (json is not null || at < 0)
            {
                return; // kept already, or the text is not there exactly once: this shape is written by transcoding each time
            }

            json = new Kept(written[..at].ToArray(), written[(at + own.Length)..].ToArray());
        }
    }

    internal sealed record Kept(byte[] Head, byte[] Tail);

    private sealed record Chosen(Form Form, byte[] Own);

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }

    private static async Task AnsweredAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        var answer = new AnswerStream(context, original);
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (answer.Written is { } written && context.Items[Slot] is Chosen chosen)
        {
            chosen.Form.Keep(written.GetBuffer().AsSpan(0, (int)written.Length), chosen.Own);
        }
    }

    /// <summary>
    /// The answer's body, decided at its first write: a 200 whose shape's JSON is kept is that JSON with the call's own
    /// text (what transcoding writes is dropped); a 200 of a shape not kept yet is written through and copied; anything
    /// else is written through.
    /// </summary>
    private sealed class AnswerStream(HttpContext context, Stream original) : WriteOnlyStream
    {
        private Stream? target;
        private Kept? pending; // the kept JSON, until it is written (at the first write)
        private byte[] chosenOwn = [];

        public MemoryStream? Written { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var to = Target();
            if (TakeKept() is { } kept)
            {
                var (whole, length) = Whole(kept);
                try
                {
                    original.Write(whole, 0, length);
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(whole);
                }
            }

            to.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var to = Target();
            return TakeKept() is { } kept ? WriteKeptAsync(kept, cancellationToken) : to.WriteAsync(buffer, cancellationToken);
        }

        // One write: a response stream's write is also a flush, so the three parts go out as one buffer.
        private async ValueTask WriteKeptAsync(Kept kept, CancellationToken cancellationToken)
        {
            var (whole, length) = Whole(kept);
            try
            {
                await original.WriteAsync(whole.AsMemory(0, length), cancellationToken);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(whole);
            }
        }

        /// <summary>The kept JSON with the call's own text in its place, in a rented buffer (returned by the caller).</summary>
        private (byte[] Whole, int Length) Whole(Kept kept)
        {
            var length = kept.Head.Length + chosenOwn.Length + kept.Tail.Length;
            var whole = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            kept.Head.CopyTo(whole, 0);
            chosenOwn.CopyTo(whole, kept.Head.Length);
            kept.Tail.CopyTo(whole, kept.Head.Length + chosenOwn.Length);
            return (whole, length);
        }

        private Kept? TakeKept()
        {
            var kept = pending;
            pending = null;
            return kept;
        }

        public override void Flush() => target?.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => target?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

        private Stream Target()
        {
            if (target is not null)
            {
                return target;
            }

            if (context.Response.StatusCode != StatusCodes.Status200OK || context.Items[Slot] is not Chosen chosen)
            {
                return target = original;
            }

            if (chosen.Form.Json is { } kept)
            {
                // Before the first byte goes out: the answer's length is known; what transcoding writes (an empty message) is dropped.
                context.Response.ContentLength = kept.Head.Length + chosen.Own.Length + kept.Tail.Length;
                (pending, chosenOwn) = (kept, chosen.Own);
                return target = Null;
            }

            return target = new Copied(original, Written = new MemoryStream());
        }
    }

    /// <summary>Writes through and keeps a copy.</summary>
    private sealed class Copied(Stream original, MemoryStream copy) : WriteOnlyStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            copy.Write(buffer);
            original.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            copy.Write(buffer.Span);
            return original.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => original.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => original.FlushAsync(cancellationToken);

    }
}

using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// A shared answer's REST form kept with it. A handler whose answer is one shared message (made once per catalog version,
/// day and key, never changed afterwards: Eligibility's questions) hands it over through <see cref="Answer"/>. The first
/// REST GET that sends it is written by transcoding as any other, and <see cref="ConditionalGets"/> keeps those bytes and
/// their ETag with the message; every later GET of the same message is answered with the kept bytes, and transcoding
/// writes an empty message that is thrown away. The call is the same call either way: authentication, the interceptors
/// (scope and kommun, call limits, the access log) and the handler's own checks run before the answer is chosen; only the
/// JSON writing of an answer already written once, and its hashing, are saved. gRPC callers get the message itself.
/// </summary>
public static class PreparedAnswers
{
    private static readonly object Slot = new();
    private static readonly ConditionalWeakTable<IMessage, Prepared> Kept = new();

    /// <summary>The answer to return from the handler: the shared message, or (over REST, once its JSON is kept) an empty one.</summary>
    public static T Answer<T>(ServerCallContext context, T shared)
        where T : IMessage<T>, new()
    {
        var http = context.GetHttpContext();
        if (!ConditionalGets.Handles(http))
        {
            return shared;
        }

        if (Kept.TryGetValue(shared, out var prepared))
        {
            http.Items[Slot] = prepared;
            return new T();
        }

        http.Items[Slot] = new Pending(shared);
        return shared;
    }

    /// <summary>The kept JSON and ETag of the answer this request's handler chose, if it has them.</summary>
    internal static Prepared? For(HttpContext context) => context.Items.TryGetValue(Slot, out var value) ? value as Prepared : null;

    /// <summary>Keeps what transcoding wrote for the shared answer this request's handler chose (if it chose one).</summary>
    internal static void Keep(HttpContext context, ReadOnlySpan<byte> json, string tag)
    {
        if (context.Items.TryGetValue(Slot, out var value) && value is Pending pending)
        {
            Kept.AddOrUpdate(pending.Message, new Prepared(json.ToArray(), tag));
        }
    }

    internal sealed record Prepared(byte[] Json, string Tag);

    private sealed record Pending(IMessage Message);
}

using System.Buffers;
using System.Text;
using Google.Protobuf;
using Grpc.Core;

namespace Socialtjanst.Hosting.Answers;

/// <summary>
/// A gRPC answer that many calls share but for one text of its own (an eligibility answer and its decision id), written
/// from the bytes of an earlier answer of the same shape: the first answer of a shape is written as the contract's
/// marshaller writes it and its bytes are kept, split around that text (<see cref="Form"/>); every later answer of the
/// shape is those bytes with the call's own text between them (one split is kept per length of that text, which sits
/// behind its length). Which answers share a shape is the service's to say (<see cref="Marshaller"/>'s look-up: answers
/// equal but for the text; two equal messages may be written with each other's bytes). The handler runs as before; only the
/// protobuf writing of an answer already written once is saved. The REST face's counterpart is <see cref="Rest.ShapedAnswers"/>.
/// </summary>
public static class KeptMessages
{
    /// <summary>The longest own text written from a kept form (a decision id is ~30 bytes); a longer one is written whole.</summary>
    public const int MaxOwnBytes = 256;

    /// <summary>
    /// The response marshaller for answers of type <typeparamref name="T"/>: <paramref name="shapeOf"/> gives an answer's
    /// shape and its own text (null: the answer is written whole, as the contract's marshaller does).
    /// </summary>
    public static Marshaller<T> Marshaller<T>(Func<T, (Form Form, string Own)?> shapeOf)
        where T : class, IMessage<T>, IBufferMessage, new() =>
        Marshallers.Create<T>(
            (answer, context) =>
            {
                if (shapeOf(answer) is not { } shape || !shape.Form.TryWrite(shape.Own, context, answer))
                {
                    Whole(answer, context);
                }
            },
            context => Parser<T>.Instance.ParseFrom(context.PayloadAsReadOnlySequence()));

    // As the generated marshaller writes a message: its length first, then the message into the call's buffer.
    private static void Whole<T>(T answer, SerializationContext context)
        where T : IMessage<T>, IBufferMessage
    {
        context.SetPayloadLength(answer.CalculateSize());
        answer.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    private static class Parser<T>
        where T : class, IMessage<T>, new()
    {
        public static readonly MessageParser<T> Instance = new(() => new T());
    }

    /// <summary>
    /// One shape's protobuf as first written, split around the own text of the call that wrote it: one split per length of
    /// that text (it sits behind its length, and a decision id grows a digit as its kommun's counter does), at most
    /// <see cref="MaxLengths"/>.
    /// </summary>
    public sealed class Form
    {
        /// <summary>Own texts of this many lengths are written from kept bytes (the latest lengths met).</summary>
        public const int MaxLengths = 4;

        private readonly Lock keeping = new();
        private volatile Kept[] kept = [];

        /// <summary>Whether bytes of the shape are kept (for some length of the own text).</summary>
        public bool IsKept => kept.Any(k => k.Head is not null);

        /// <summary>
        /// Writes <paramref name="answer"/> from the kept bytes with <paramref name="own"/> in their place; the first time
        /// for an own text of its length, writes it whole and keeps its bytes (when <paramref name="own"/> occurs in them
        /// exactly once). False: not written (an own text too long, or one not there once in the shape's bytes), to be
        /// written whole.
        /// </summary>
        internal bool TryWrite<T>(string own, SerializationContext context, T answer)
            where T : IMessage<T>
        {
            var ownLength = Encoding.UTF8.GetByteCount(own);
            if (ownLength is 0 or > MaxOwnBytes)
            {
                return false;
            }

            Span<byte> ownBytes = stackalloc byte[ownLength];
            Encoding.UTF8.GetBytes(own, ownBytes);
            var forms = kept;
            foreach (var form in forms)
            {
                if (form.OwnLength != ownLength)
                {
                    continue;
                }

                if (form.Head is null)
                {
                    return false;
                }

                Write(form, ownBytes, context);
                return true;
            }

            var whole = answer.ToByteArray();
            Keep(whole, ownBytes);
            context.Complete(whole);
            return true;
        }

        private static void Write(Kept form, ReadOnlySpan<byte> own, SerializationContext context)
        {
            context.SetPayloadLength(form.Head!.Length + own.Length + form.Tail!.Length);
            var writer = context.GetBufferWriter();
            writer.Write(form.Head);
            writer.Write(own);
            writer.Write(form.Tail);
            context.Complete();
        }

        private void Keep(byte[] written, ReadOnlySpan<byte> own)
        {
            var at = OwnText.OnceIn(written, own);
            // Not there exactly once: answers of this shape with an own text of this length are written whole each time.
            var form = at < 0
                ? new Kept(own.Length, null, null)
                : new Kept(own.Length, written[..at], written[(at + own.Length)..]);
            lock (keeping)
            {
                // The newest lengths are kept: a kommun's ids grow a digit now and then and keep their new length long.
                if (kept.All(k => k.OwnLength != form.OwnLength))
                {
                    kept = [.. kept.Length < MaxLengths ? kept : kept[1..], form];
                }
            }
        }

        private sealed record Kept(int OwnLength, byte[]? Head, byte[]? Tail);
    }
}

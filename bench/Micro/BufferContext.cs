using System.Buffers;
using Grpc.Core;

namespace Socialtjanst.Micro;

/// <summary>A serialization context over a fixed buffer, as grpc-dotnet gives a marshaller (the payload's length, then its bytes).</summary>
internal sealed class BufferContext(byte[] buffer) : SerializationContext, IBufferWriter<byte>
{
    public int Length { get; private set; }

    public override void Complete(byte[] payload)
    {
        payload.CopyTo(buffer, 0);
        Length = payload.Length;
    }

    public override void SetPayloadLength(int payloadLength)
    {
    }

    public override IBufferWriter<byte> GetBufferWriter() => this;

    public override void Complete()
    {
    }

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => buffer.AsMemory(Length);

    public Span<byte> GetSpan(int sizeHint = 0) => buffer.AsSpan(Length);
}

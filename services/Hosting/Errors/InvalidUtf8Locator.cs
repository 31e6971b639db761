using System.Buffers;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Socialtjanst.Hosting;

/// <summary>
/// Names the string field whose bytes are not valid UTF-8 in a request the protobuf parser refused
/// ("text", "fields[0].value"), by walking the wire format with the message's descriptor. Only the
/// field's name comes out; its bytes are never read into a string.
/// </summary>
public static class InvalidUtf8Locator
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Find(MessageDescriptor descriptor, ReadOnlySequence<byte> payload)
    {
        try
        {
            return Walk(descriptor, payload.ToArray(), "", depth: 0);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static string? Walk(MessageDescriptor descriptor, byte[] bytes, string prefix, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        var input = new CodedInputStream(bytes);
        var counts = new Dictionary<int, int>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var field = descriptor.FindFieldByNumber(number);
            if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited || field is null)
            {
                input.SkipLastField();
                continue;
            }

            var value = input.ReadBytes().ToByteArray();
            var index = counts.TryGetValue(number, out var seen) ? seen : 0;
            counts[number] = index + 1;
            var path = prefix + field.Name + (field.IsRepeated ? $"[{index}]" : "");
            if (field.FieldType == FieldType.String)
            {
                try
                {
                    _ = Strict.GetCharCount(value);
                }
                catch (DecoderFallbackException)
                {
                    return path;
                }
            }
            else if (field.FieldType == FieldType.Message && Walk(field.MessageType, value, path + ".", depth + 1) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}

using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// Generates requests for any RPC from its descriptor (every field, nested messages, repeated and
/// oneof fields, enums in and out of range, hostile strings) and mutates their bytes.
/// </summary>
public sealed class Fuzzer(int seed)
{
    /// <summary>Personal data an error, a log line or a trace must never repeat.</summary>
    public static readonly string[] PersonalData =
    [
        "19121212-1212", "191212121212", "121212-1212", "20121212+1212", "198112189876", "811218-9876",
        "Anna Andersson", "Mohammed Ali", "anna.andersson@example.se", "070-123 45 67", "+46701234567",
        "Storgatan 12, 952 31 Kalix",
    ];

    /// <summary>Hostile strings an error must not repeat either.</summary>
    public static readonly string[] Hostile =
    [
        "'; DROP TABLE decision; --", "../../../etc/passwd", "%s%s%n%x", "<script>alert(1)</script>",
        "\u202eevil", "${jndi:ldap://x}", "Robert'); --",
    ];

    private static readonly string[] Shaped =
    [
        "", " ", "\0", "🙂", "municipalities/2514", "municipalities/2514/interventions/bra-samtal",
        "municipalities/2514/interventions/oppenvard-vuxna", "municipalities/2514/decisions/" + new string('a', 32),
        "municipalities/1489", "municipalities/1489/interventions/familjeradgivning", "municipalities/", "municipalities/25145",
        "municipalities/2514/", "municipalities/2514/interventions/", "municipalities/0000", "2514", "1489",
        "8d5b7c9e-3f4a-4c1b-9a2e-6f0d1e2c3b4a", "not-a-uuid", "conditions", "display_name", "valid_to", "a.b.c",
        "avslutad-behandlingsinsats", "2025-13-45", "20253", "0", "-1",
    ];

    private readonly Random random = new(seed);

    public IMessage Generate(MessageDescriptor type, int depth = 0)
    {
        var message = type.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (random.Next(3) == 0 || field.IsMap)
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                var count = random.Next(40) == 0 ? 1001 + random.Next(3) : random.Next(4);
                for (var i = 0; i < count; i++)
                {
                    list.Add(Value(field, depth));
                }
            }
            else
            {
                field.Accessor.SetValue(message, Value(field, depth));
            }
        }

        return message;
    }

    /// <summary>The message's bytes, damaged: bits flipped, bytes inserted or cut, tags made up.</summary>
    public byte[] Mutate(byte[] bytes)
    {
        var data = new List<byte>(bytes);
        for (var n = 1 + random.Next(4); n > 0; n--)
        {
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:
                    var at = random.Next(data.Count);
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.Insert(random.Next(data.Count + 1), (byte)random.Next(256));
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(random.Next(data.Count), 1);
                    break;
                case 3 when data.Count > 0:
                    var keep = random.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    break;
                case 4:
                    // A made-up field with a huge length prefix.
                    data.AddRange([(byte)((random.Next(1, 15) << 3) | 2), 0xFF, 0xFF, 0xFF, 0x7F]);
                    break;
                default:
                    var junk = new byte[random.Next(1, 16)];
                    random.NextBytes(junk);
                    data.AddRange(junk);
                    break;
            }
        }

        return data.ToArray();
    }

    private object Value(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String => String(),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Pick(0, 1, -1, int.MaxValue, int.MinValue, random.Next(0, 131), random.Next(), 20253, 2025, 13, 32),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Pick(0L, 1L, -1L, long.MaxValue, long.MinValue, random.NextInt64()),
        FieldType.UInt32 or FieldType.Fixed32 => Pick(0u, 1u, uint.MaxValue),
        FieldType.UInt64 or FieldType.Fixed64 => Pick(0ul, 1ul, ulong.MaxValue),
        FieldType.Double => Pick(0d, -1d, double.NaN, double.PositiveInfinity, 1e308, 2.5),
        FieldType.Float => Pick(0f, -1f, float.NaN, float.NegativeInfinity, 3.5f),
        FieldType.Bytes => ByteString.CopyFrom(Bytes()),
        FieldType.Enum => Enum(field.EnumType),
        FieldType.Message or FieldType.Group => depth < 4 ? Generate(field.MessageType, depth + 1) : field.MessageType.Parser.ParseFrom(ByteString.Empty),
        _ => throw new NotSupportedException(field.FieldType.ToString()),
    };

    private object Enum(EnumDescriptor type)
    {
        var number = random.Next(5) == 0 ? Pick(-7, 99, int.MaxValue) : type.Values[random.Next(type.Values.Count)].Number;
        return System.Enum.ToObject(type.ClrType, number);
    }

    private string String() => random.Next(7) switch
    {
        0 => Pick(PersonalData),
        1 => Pick(Hostile),
        2 => new string(Pick('x', 'å', '9', '/', '\u0301'), Pick(65, 300, 4001, 20001)),
        3 => Pick(PersonalData) + " " + Pick(Shaped),
        _ => Pick(Shaped),
    };

    private byte[] Bytes()
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] items) => items[random.Next(items.Length)];
}

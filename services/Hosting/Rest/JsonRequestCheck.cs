using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// Reads a REST request's JSON body against the message it must be (proto3's JSON mapping) and names every field
/// that is wrong, as the request spelt it: one that does not exist, a value of the wrong type, an enum value not
/// in the contract, two members of a oneof. The descriptions are Swedish and never repeat the value sent.
/// One forward pass over the bytes (<see cref="Utf8JsonReader"/>): a body that is right costs no allocation beyond
/// the path of a nested message; a field's name is looked up without being made a string.
/// </summary>
public static class JsonRequestCheck
{
    // A message's fields by both the names proto3's JSON mapping accepts (its JSON name and its proto name).
    private static readonly ConditionalWeakTable<MessageDescriptor, Dictionary<string, FieldDescriptor>> Fields = new();
    private static readonly ConditionalWeakTable<EnumDescriptor, HashSet<string>> EnumNames = new();
    private static readonly IReadOnlyList<FieldProblem> None = [];

    /// <summary>
    /// The problems of a body (empty when it reads as the message); <paramref name="prefix"/> names where it sits.
    /// Throws <see cref="JsonException"/> (with where) when the body is not JSON.
    /// </summary>
    public static IReadOnlyList<FieldProblem> Check(ReadOnlySpan<byte> json, MessageDescriptor message, string prefix = "")
    {
        var reader = new Utf8JsonReader(json); // one value; no comments; depth 64, as JsonDocument reads
        List<FieldProblem>? problems = null;
        try
        {
            if (!reader.Read())
            {
                throw new JsonException("No JSON value.", null, 0, 0);
            }

            Message(ref reader, message, prefix, ref problems);
            while (reader.Read())
            {
                // after the one value only white space may follow: anything else throws
            }
        }
        catch (InvalidOperationException ex)
        {
            // Text that is not UTF-8 (the reader says so only when a text is read): where, never what.
            var at = (int)reader.TokenStartIndex;
            var line = json[..at].Count((byte)'\n');
            throw new JsonException("Not UTF-8.", null, line, at - (json[..at].LastIndexOf((byte)'\n') + 1), ex);
        }

        return problems ?? None;
    }

    /// <summary>Where a value sits, made into text only when a problem is said about it.</summary>
    private readonly record struct Place(string Path, string Name, int Index = -1)
    {
        public const int NoIndex = -1; // the default of Index
        public const int MapEntry = -2;

        public Place Item(int index) => this with { Index = index };

        public override string ToString() => Index switch
        {
            NoIndex => Path + Name,
            MapEntry => Path + Name + "[…]", // a key the request chose is a value: never repeated
            _ => string.Create(CultureInfo.InvariantCulture, $"{Path}{Name}[{Index}]"),
        };
    }

    private static void Add(ref List<FieldProblem>? problems, string field, string description) =>
        (problems ??= []).Add(new FieldProblem(field, description));

    // Each reader below starts on a value's first token and leaves the reader on its last.
    private static void Message(ref Utf8JsonReader reader, MessageDescriptor message, string path, ref List<FieldProblem>? problems)
    {
        if (WellKnown(ref reader, message, path, ref problems))
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Add(ref problems, Name(path), "Ska vara ett objekt.");
            reader.Skip();
            return;
        }

        var fields = Fields.GetValue(message, ByName);
        var oneofs = new SetOneofs();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Find(ref reader, fields, out var spelt);
            if (field is null)
            {
                Add(ref problems, path + spelt, "Fältet finns inte i begäran.");
                reader.Read();
                reader.Skip();
                continue;
            }

            var here = new Place(path, spelt ?? field.JsonName);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue; // proto3: null is the field's default
            }

            if (field.RealContainingOneof is { } oneof)
            {
                if (oneofs.Find(oneof) is { } first)
                {
                    Add(ref problems, here.ToString(), $"Högst ett av fälten får anges: {first} är redan angivet.");
                    reader.Skip();
                    continue;
                }

                oneofs.Add(oneof, here);
            }

            Field(ref reader, field, here, ref problems);
        }
    }

    /// <summary>The oneofs a message has set so far, with where: the first kept inline (a message sets one at most, when right).</summary>
    private struct SetOneofs
    {
        private (OneofDescriptor Oneof, Place Place)? first;
        private List<(OneofDescriptor Oneof, Place Place)>? more;

        public readonly Place? Find(OneofDescriptor oneof)
        {
            if (first is not { } set)
            {
                return null;
            }

            if (set.Oneof == oneof)
            {
                return set.Place;
            }

            if (more is null)
            {
                return null;
            }

            foreach (var (seen, place) in more)
            {
                if (seen == oneof)
                {
                    return place;
                }
            }

            return null;
        }

        public void Add(OneofDescriptor oneof, Place place)
        {
            if (first is null)
            {
                first = (oneof, place);
            }
            else
            {
                (more ??= []).Add((oneof, place));
            }
        }
    }

    private static void Field(ref Utf8JsonReader reader, FieldDescriptor field, Place here, ref List<FieldProblem>? problems)
    {
        if (field.IsMap || field.IsRepeated)
        {
            var (open, wrong) = field.IsMap
                ? (JsonTokenType.StartObject, "Ska vara ett objekt (nyckel och värde).")
                : (JsonTokenType.StartArray, "Ska vara en lista.");
            if (reader.TokenType != open)
            {
                Add(ref problems, here.ToString(), wrong);
                reader.Skip();
                return;
            }

            var item = field.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
            for (var i = 0; reader.Read() && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray); i++)
            {
                if (field.IsMap)
                {
                    reader.Read(); // from the key to its value
                }

                Single(ref reader, item, here.Item(field.IsMap ? Place.MapEntry : i), ref problems);
            }

            return;
        }

        Single(ref reader, field, here, ref problems);
    }

    private static void Single(ref Utf8JsonReader reader, FieldDescriptor field, Place here, ref List<FieldProblem>? problems)
    {
        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            Message(ref reader, field.MessageType, here.ToString() + ".", ref problems);
            return;
        }

        var token = reader.TokenType;
        var wrong = field.FieldType switch
        {
            FieldType.Bool => token is JsonTokenType.True or JsonTokenType.False ? null : "Ska vara true eller false.",
            FieldType.String => token == JsonTokenType.String ? null : "Ska vara en text.",
            FieldType.Bytes => token == JsonTokenType.String && IsBase64(ref reader) ? null : "Ska vara base64.",
            FieldType.Enum => Enum(ref reader, field.EnumType),
            FieldType.Float or FieldType.Double => IsNumber(ref reader, integer: false) ? null : "Ska vara ett tal.",
            _ => IsNumber(ref reader, integer: true) ? null : "Ska vara ett heltal.",
        };
        if (wrong is not null)
        {
            Add(ref problems, here.ToString(), wrong);
        }

        reader.Skip(); // a container where a value belongs
    }

    private static string? Enum(ref Utf8JsonReader reader, EnumDescriptor type) => reader.TokenType switch
    {
        JsonTokenType.String when Contains(ref reader, EnumNames.GetValue(type, static t => t.Values.Select(v => v.Name).ToHashSet(StringComparer.Ordinal))) => null,
        JsonTokenType.Number when reader.TryGetInt32(out _) => null,
        _ => "Okänt värde. Tillåtna: " + string.Join(", ", type.Values.Select(v => v.Name)) + ".",
    };

    /// <summary>The well-known types that have their own JSON form; true when the message is one (checked here).</summary>
    private static bool WellKnown(ref Utf8JsonReader reader, MessageDescriptor message, string path, ref List<FieldProblem>? problems)
    {
        var token = reader.TokenType;
        string? wrong;
        switch (message.FullName)
        {
            case "google.protobuf.Timestamp":
                wrong = token == JsonTokenType.String && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null : "Ska vara en tidpunkt enligt RFC 3339, t.ex. 2025-10-01T08:00:00Z.";
                break;
            case "google.protobuf.Duration":
                wrong = token == JsonTokenType.String && reader.GetString()!.EndsWith('s') ? null : "Ska vara en längd i sekunder, t.ex. \"1.5s\".";
                break;
            case "google.protobuf.FieldMask":
                wrong = token == JsonTokenType.String ? null : "Ska vara fältnamn åtskilda med kommatecken, t.ex. \"displayName,content\".";
                break;
            case "google.protobuf.Struct" or "google.protobuf.Value" or "google.protobuf.ListValue" or "google.protobuf.Any":
                wrong = null;
                break;
            case "google.protobuf.BoolValue":
                wrong = token is JsonTokenType.True or JsonTokenType.False ? null : "Ska vara true eller false.";
                break;
            case "google.protobuf.StringValue" or "google.protobuf.BytesValue":
                wrong = token == JsonTokenType.String ? null : "Ska vara en text.";
                break;
            case "google.protobuf.Int32Value" or "google.protobuf.Int64Value" or "google.protobuf.UInt32Value" or "google.protobuf.UInt64Value":
                wrong = IsNumber(ref reader, integer: true) ? null : "Ska vara ett heltal.";
                break;
            case "google.protobuf.FloatValue" or "google.protobuf.DoubleValue":
                wrong = IsNumber(ref reader, integer: false) ? null : "Ska vara ett tal.";
                break;
            default:
                return false;
        }

        if (wrong is not null)
        {
            Add(ref problems, Name(path), wrong);
        }

        reader.Skip();
        return true;
    }

    private static bool IsNumber(ref Utf8JsonReader reader, bool integer)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return !integer || reader.TryGetInt64(out _) || reader.TryGetUInt64(out _);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        Span<byte> text = stackalloc byte[64];
        text = reader.ValueSpan.Length <= 64 ? text[..reader.CopyString(text)] : Encoding.UTF8.GetBytes(reader.GetString()!);
        var invariant = CultureInfo.InvariantCulture;
        return integer
            ? long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out _) || ulong.TryParse(text, NumberStyles.None, invariant, out _)
            : double.TryParse(text, NumberStyles.Float, invariant, out _) || text.SequenceEqual("NaN"u8) || text.SequenceEqual("Infinity"u8) || text.SequenceEqual("-Infinity"u8);
    }

    /// <summary>Base64, standard or URL-safe, padded or not (as transcoding reads bytes).</summary>
    private static bool IsBase64(ref Utf8JsonReader reader)
    {
        var length = reader.ValueSpan.Length; // unescaped, it is no longer
        var padded = length + 3;
        byte[]? rented = null;
        Span<byte> buffer = padded <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(padded));
        try
        {
            var text = buffer[..reader.CopyString(buffer)];
            text.Replace((byte)'-', (byte)'+');
            text.Replace((byte)'_', (byte)'/');
            var full = text.Length + ((4 - (text.Length % 4)) % 4);
            buffer[text.Length..full].Fill((byte)'=');
            return Base64.IsValid(buffer[..full]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The field a property names; <paramref name="spelt"/> is the name as the request spelt it when it is none of a field's names as they are.</summary>
    private static FieldDescriptor? Find(ref Utf8JsonReader reader, Dictionary<string, FieldDescriptor> fields, out string? spelt)
    {
        spelt = null;
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= 128)
        {
            Span<char> name = stackalloc char[128];
            name = name[..Encoding.UTF8.GetChars(reader.ValueSpan, name)];
            if (fields.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var field))
            {
                spelt = name.SequenceEqual(field.JsonName) ? null : field.Name;
                return field;
            }
        }

        spelt = reader.GetString()!;
        return fields.GetValueOrDefault(spelt);
    }

    private static bool Contains(ref Utf8JsonReader reader, HashSet<string> names)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > 128)
        {
            return names.Contains(reader.GetString()!);
        }

        Span<char> name = stackalloc char[128];
        return names.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name[..Encoding.UTF8.GetChars(reader.ValueSpan, name)]);
    }

    private static Dictionary<string, FieldDescriptor> ByName(MessageDescriptor message)
    {
        var names = new Dictionary<string, FieldDescriptor>(StringComparer.Ordinal);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            names.TryAdd(field.JsonName, field); // in declaration order, as the check named them before
            names.TryAdd(field.Name, field);
        }

        return names;
    }

    private static string Name(string path) => path.Length == 0 ? "body" : path.TrimEnd('.');
}

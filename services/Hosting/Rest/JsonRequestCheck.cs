using System.Text.Json;
using Google.Protobuf.Reflection;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// Reads a REST request's JSON body against the message it must be (proto3's JSON mapping) and names every field
/// that is wrong, as the request spelt it: one that does not exist, a value of the wrong type, an enum value not
/// in the contract, two members of a oneof. The descriptions are Swedish and never repeat the value sent.
/// </summary>
public static class JsonRequestCheck
{
    /// <summary>The problems of a body (empty when it reads as the message); <paramref name="prefix"/> names where it sits.</summary>
    public static List<FieldProblem> Check(JsonElement body, MessageDescriptor message, string prefix = "")
    {
        var problems = new List<FieldProblem>();
        Message(body, message, prefix, problems);
        return problems;
    }

    private static void Message(JsonElement value, MessageDescriptor message, string path, List<FieldProblem> problems)
    {
        if (WellKnown(value, message, path, problems))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new FieldProblem(Name(path), "Ska vara ett objekt."));
            return;
        }

        var oneofs = new Dictionary<OneofDescriptor, string>();
        foreach (var property in value.EnumerateObject())
        {
            var field = message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name || f.Name == property.Name);
            var here = path + property.Name;
            if (field is null)
            {
                problems.Add(new FieldProblem(here, "Fältet finns inte i begäran."));
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue; // proto3: null is the field's default
            }

            if (field.RealContainingOneof is { } oneof)
            {
                if (oneofs.TryGetValue(oneof, out var first))
                {
                    problems.Add(new FieldProblem(here, $"Högst ett av fälten får anges: {first} är redan angivet."));
                    continue;
                }

                oneofs[oneof] = here;
            }

            Field(property.Value, field, here, problems);
        }
    }

    private static void Field(JsonElement value, FieldDescriptor field, string path, List<FieldProblem> problems)
    {
        if (field.IsMap)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new FieldProblem(path, "Ska vara ett objekt (nyckel och värde)."));
                return;
            }

            var valueField = field.MessageType.FindFieldByNumber(2);
            foreach (var entry in value.EnumerateObject())
            {
                Single(entry.Value, valueField, $"{path}[…]", problems); // a key the request chose is a value: never repeated
            }

            return;
        }

        if (field.IsRepeated)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new FieldProblem(path, "Ska vara en lista."));
                return;
            }

            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Single(item, field, $"{path}[{i++}]", problems);
            }

            return;
        }

        Single(value, field, path, problems);
    }

    private static void Single(JsonElement value, FieldDescriptor field, string path, List<FieldProblem> problems)
    {
        var wrong = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => Nested(value, field.MessageType, path, problems),
            FieldType.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "Ska vara true eller false.",
            FieldType.String => value.ValueKind == JsonValueKind.String ? null : "Ska vara en text.",
            FieldType.Bytes => value.ValueKind == JsonValueKind.String && IsBase64(value.GetString()!) ? null : "Ska vara base64.",
            FieldType.Enum => Enum(value, field.EnumType),
            FieldType.Float or FieldType.Double => IsNumber(value, integer: false) ? null : "Ska vara ett tal.",
            _ => IsNumber(value, integer: true) ? null : "Ska vara ett heltal.",
        };
        if (wrong is not null)
        {
            problems.Add(new FieldProblem(path, wrong));
        }
    }

    private static string? Nested(JsonElement value, MessageDescriptor message, string path, List<FieldProblem> problems)
    {
        Message(value, message, path + ".", problems);
        return null;
    }

    private static string? Enum(JsonElement value, EnumDescriptor type) => value.ValueKind switch
    {
        JsonValueKind.String when type.FindValueByName(value.GetString()!) is not null => null,
        JsonValueKind.Number when value.TryGetInt32(out _) => null,
        _ => "Okänt värde. Tillåtna: " + string.Join(", ", type.Values.Select(v => v.Name)) + ".",
    };

    /// <summary>The well-known types that have their own JSON form; true when the message is one (checked here).</summary>
    private static bool WellKnown(JsonElement value, MessageDescriptor message, string path, List<FieldProblem> problems)
    {
        string? wrong;
        switch (message.FullName)
        {
            case "google.protobuf.Timestamp":
                wrong = value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
                    ? null : "Ska vara en tidpunkt enligt RFC 3339, t.ex. 2025-10-01T08:00:00Z.";
                break;
            case "google.protobuf.Duration":
                wrong = value.ValueKind == JsonValueKind.String && value.GetString()!.EndsWith('s') ? null : "Ska vara en längd i sekunder, t.ex. \"1.5s\".";
                break;
            case "google.protobuf.FieldMask":
                wrong = value.ValueKind == JsonValueKind.String ? null : "Ska vara fältnamn åtskilda med kommatecken, t.ex. \"displayName,content\".";
                break;
            case "google.protobuf.Struct" or "google.protobuf.Value" or "google.protobuf.ListValue" or "google.protobuf.Any":
                wrong = null;
                break;
            case "google.protobuf.BoolValue":
                wrong = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "Ska vara true eller false.";
                break;
            case "google.protobuf.StringValue" or "google.protobuf.BytesValue":
                wrong = value.ValueKind == JsonValueKind.String ? null : "Ska vara en text.";
                break;
            case "google.protobuf.Int32Value" or "google.protobuf.Int64Value" or "google.protobuf.UInt32Value" or "google.protobuf.UInt64Value":
                wrong = IsNumber(value, integer: true) ? null : "Ska vara ett heltal.";
                break;
            case "google.protobuf.FloatValue" or "google.protobuf.DoubleValue":
                wrong = IsNumber(value, integer: false) ? null : "Ska vara ett tal.";
                break;
            default:
                return false;
        }

        if (wrong is not null)
        {
            problems.Add(new FieldProblem(Name(path), wrong));
        }

        return true;
    }

    private static bool IsNumber(JsonElement value, bool integer) => value.ValueKind switch
    {
        JsonValueKind.Number => !integer || value.TryGetInt64(out _) || value.TryGetUInt64(out _),
        JsonValueKind.String => integer
            ? long.TryParse(value.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
              || ulong.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            : double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
              || value.GetString() is "NaN" or "Infinity" or "-Infinity",
        _ => false,
    };

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='), buffer, out _);
    }

    private static string Name(string path) => path.Length == 0 ? "body" : path.TrimEnd('.');
}

using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Socialtjanst.Eligibility.Rest;

/// <summary>
/// An OpenAPI 3 description of a service's REST face (gRPC JSON transcoding), read from the
/// google.api.http rules and message types of its proto: one source of truth, no hand-kept copy.
/// </summary>
public static class ProtoOpenApi
{
    public static IEndpointConventionBuilder MapProtoOpenApi(this IEndpointRouteBuilder app, string path, ServiceDescriptor service, string title)
    {
        var json = Document(service, title).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        return app.MapGet(path, () => Results.Text(json, "application/json"));
    }

    public static JsonObject Document(ServiceDescriptor service, string title)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var method in service.Methods)
        {
            var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
            if (rule is null || rule.PatternCase != HttpRule.PatternOneofCase.Post)
            {
                continue;
            }

            var (template, parameters) = Template(rule.Post);
            AddSchema(method.InputType, schemas);
            AddSchema(method.OutputType, schemas);
            paths[template] = new JsonObject
            {
                ["post"] = new JsonObject
                {
                    ["operationId"] = method.Name,
                    ["summary"] = method.Name,
                    ["parameters"] = parameters,
                    ["requestBody"] = new JsonObject
                    {
                        ["required"] = true,
                        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(method.InputType) } },
                    },
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject
                        {
                            ["description"] = "OK",
                            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(method.OutputType) } },
                        },
                        ["default"] = new JsonObject { ["description"] = "A google.rpc.Status: 400 INVALID_ARGUMENT, 401, 403, 404, 503." },
                    },
                    ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = title, ["version"] = service.File.Package },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
            },
        };
    }

    /// <summary>"/v1/{parent=municipalities/*}:list" becomes "/v1/municipalities/{municipalities_id}:list".</summary>
    private static (string Template, JsonArray Parameters) Template(string pattern)
    {
        var parameters = new JsonArray();
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] != '{')
            {
                result.Append(pattern[i++]);
                continue;
            }

            var end = pattern.IndexOf('}', i);
            var inner = pattern[(i + 1)..end];
            var eq = inner.IndexOf('=');
            var segments = eq < 0 ? ["*"] : inner[(eq + 1)..].Split('/');
            var previous = inner[..(eq < 0 ? inner.Length : eq)];
            var parts = new List<string>();
            foreach (var segment in segments)
            {
                if (segment == "*")
                {
                    var name = previous + "_id";
                    parts.Add("{" + name + "}");
                    parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
                }
                else
                {
                    parts.Add(segment);
                    previous = segment;
                }
            }

            result.Append(string.Join('/', parts));
            i = end + 1;
        }

        return (result.ToString(), parameters);
    }

    private static JsonObject Ref(MessageDescriptor message) => new() { ["$ref"] = "#/components/schemas/" + message.FullName };

    private static void AddSchema(MessageDescriptor message, JsonObject schemas)
    {
        if (schemas.ContainsKey(message.FullName))
        {
            return;
        }

        var properties = new JsonObject();
        schemas[message.FullName] = new JsonObject { ["type"] = "object", ["properties"] = properties };
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var schema = FieldSchema(field, schemas);
            properties[field.JsonName] = field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = schema } : schema;
        }
    }

    private static JsonNode FieldSchema(FieldDescriptor field, JsonObject schemas)
    {
        switch (field.FieldType)
        {
            case FieldType.Message:
                AddSchema(field.MessageType, schemas);
                return Ref(field.MessageType);
            case FieldType.Enum:
                var values = new JsonArray();
                foreach (var v in field.EnumType.Values)
                {
                    values.Add(v.Name);
                }

                return new JsonObject { ["type"] = "string", ["enum"] = values };
            case FieldType.Bool:
                return new JsonObject { ["type"] = "boolean" };
            case FieldType.Int32 or FieldType.SInt32 or FieldType.UInt32 or FieldType.Fixed32 or FieldType.SFixed32:
                return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
            case FieldType.Int64 or FieldType.SInt64 or FieldType.UInt64 or FieldType.Fixed64 or FieldType.SFixed64:
                // The JSON transcoder writes 64-bit integers as JSON numbers.
                return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
            case FieldType.Double or FieldType.Float:
                return new JsonObject { ["type"] = "number" };
            case FieldType.Bytes:
                return new JsonObject { ["type"] = "string", ["format"] = "byte" };
            default:
                return new JsonObject { ["type"] = "string" };
        }
    }
}

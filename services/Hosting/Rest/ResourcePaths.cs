using System.Text;
using Google.Api;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Socialtjanst.Hosting.Rest;

/// <summary>
/// The OpenAPI paths as a REST client must call them. The gRPC description provider writes a resource
/// name variable (<c>{name=municipalities/*/interventions/*}</c>) as one path parameter (<c>/v1/{name}</c>):
/// a generated client would then escape its slashes (<c>municipalities%2F2514…</c>), which the routes do not
/// match, and two methods of one service can meet at the same path. This expands each variable into its
/// segments as the http rule gives them (<c>/v1/municipalities/{municipalities_id}/interventions/{interventions_id}</c>).
/// </summary>
public sealed class ResourcePaths : IApiDescriptionProvider
{
    public int Order => 1000; // after the gRPC description provider has added its descriptions

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            if (description.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is not { } transcoding
                || Pattern(transcoding.HttpRule) is not { } pattern)
            {
                continue;
            }

            var (path, variables, segments) = Expand(pattern);
            description.RelativePath = path.TrimStart('/');
            foreach (var replaced in description.ParameterDescriptions.Where(p => p.Source == BindingSource.Path && variables.Contains(p.Name)).ToList())
            {
                description.ParameterDescriptions.Remove(replaced);
            }

            foreach (var segment in segments)
            {
                description.ParameterDescriptions.Add(new ApiParameterDescription
                {
                    Name = segment,
                    Source = BindingSource.Path,
                    Type = typeof(string),
                    IsRequired = true,
                });
            }
        }
    }

    private static string? Pattern(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => rule.Get,
        HttpRule.PatternOneofCase.Post => rule.Post,
        HttpRule.PatternOneofCase.Put => rule.Put,
        HttpRule.PatternOneofCase.Patch => rule.Patch,
        HttpRule.PatternOneofCase.Delete => rule.Delete,
        _ => null,
    };

    /// <summary>"/v1/{name=municipalities/*/rules}:x" → "/v1/municipalities/{municipalities_id}/rules:x", the variable "name", the segment "municipalities_id".</summary>
    public static (string Path, HashSet<string> Variables, List<string> Segments) Expand(string pattern)
    {
        var path = new StringBuilder();
        var variables = new HashSet<string>(StringComparer.Ordinal);
        var segments = new List<string>();
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] != '{')
            {
                path.Append(pattern[i++]);
                continue;
            }

            var end = pattern.IndexOf('}', i);
            var variable = pattern[(i + 1)..end];
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            var field = equals < 0 ? variable : variable[..equals];
            variables.Add(field);
            if (equals < 0)
            {
                path.Append('{').Append(field.Replace('.', '_')).Append('}');
                segments.Add(field.Replace('.', '_'));
            }
            else
            {
                var parts = variable[(equals + 1)..].Split('/');
                for (var p = 0; p < parts.Length; p++)
                {
                    if (p > 0)
                    {
                        path.Append('/');
                    }

                    if (parts[p] == "*")
                    {
                        var name = (p > 0 ? parts[p - 1] : field) + "_id";
                        path.Append('{').Append(name).Append('}');
                        segments.Add(name);
                    }
                    else
                    {
                        path.Append(parts[p]);
                    }
                }
            }

            i = end + 1;
        }

        return (path.ToString(), variables, segments);
    }
}

using System.Text.RegularExpressions;
using Socialtjanst.Errors;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Hosting.Requests;

/// <summary>
/// Names of resources under the caller's kommun (AIP-122), read the same way in every service:
/// municipalities/{kommunkod}/{collection}/{id}. The kommun is checked before anything is looked up.
/// </summary>
public static partial class ResourceNames
{
    /// <summary>An id as a consumer reads it: one path segment. Whether it exists is the catalog's answer.</summary>
    [GeneratedRegex("^[^/]{1,128}$")]
    public static partial Regex AnyId();

    /// <summary>municipalities/{caller's kommun}/interventions/{id}: the insats named, as a consumer of the catalog reads it.</summary>
    public static string ClaimIntervention(Caller caller, string? name, string field = "intervention") =>
        ClaimChild(caller, name, field, "interventions", AnyId());

    /// <summary>The id of a name municipalities/{caller's kommun}/{collection}/{id}, or INVALID_ARGUMENT naming the field.</summary>
    public static string ClaimChild(Caller caller, string? name, string field, string collection, Regex id)
    {
        var rest = MunicipalityCodes.ClaimName(caller, name, field);
        var prefix = collection + "/";
        if (!rest.StartsWith(prefix, StringComparison.Ordinal) || !id.IsMatch(rest[prefix.Length..]))
        {
            throw Problems.InvalidArgument(field, $"Namnet ska vara municipalities/{{kommunkod}}/{collection}/{{id}}.");
        }

        return rest[prefix.Length..];
    }

    /// <summary>Like <see cref="ClaimChild(Caller, string?, string, string, Regex)"/>, but a malformed name is added to the checks instead of thrown
    /// (another kommun's name still ends the call with PERMISSION_DENIED).</summary>
    public static string? ClaimChild(Caller caller, string? name, string field, string collection, Regex id, FieldChecks checks) =>
        checks.Try(() => ClaimChild(caller, name, field, collection, id));

    /// <summary>The name of a single resource under a kommun, e.g. municipalities/2514/rules.</summary>
    public static void ClaimSingleton(Caller caller, string? name, string field, string singleton)
    {
        if (MunicipalityCodes.ClaimName(caller, name, field) != singleton)
        {
            throw Problems.InvalidArgument(field, $"Namnet ska vara municipalities/{{kommunkod}}/{singleton}.");
        }
    }
}

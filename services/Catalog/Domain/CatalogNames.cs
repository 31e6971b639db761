using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Catalog.Domain;

/// <summary>Resource names of the catalog (AIP-122).</summary>
public static class CatalogNames
{
    public static string Municipality(string code) => MunicipalityCodes.Prefix + code;

    public static string Intervention(string code, string id) => $"{MunicipalityCodes.Prefix}{code}/interventions/{id}";

    public static string Rules(string code) => $"{MunicipalityCodes.Prefix}{code}/rules";

    /// <summary>The intervention id of a name under the caller's kommun.</summary>
    public static string ClaimIntervention(Caller caller, string? name, string field = "name")
    {
        var rest = MunicipalityCodes.ClaimName(caller, name, field);
        const string segment = "interventions/";
        if (!rest.StartsWith(segment, StringComparison.Ordinal) ||
            !InterventionRules.IdPattern().IsMatch(rest[segment.Length..]))
        {
            throw Problems.InvalidArgument(field, "Namnet ska vara municipalities/{kommunkod}/interventions/{id}.");
        }

        return rest[segment.Length..];
    }

    public static void ClaimRules(Caller caller, string? name, string field = "name")
    {
        if (MunicipalityCodes.ClaimName(caller, name, field) != "rules")
        {
            throw Problems.InvalidArgument(field, "Namnet ska vara municipalities/{kommunkod}/rules.");
        }
    }
}

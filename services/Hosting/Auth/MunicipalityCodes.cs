using Grpc.Core;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting.Auth;

/// <summary>Kommunkoder and the municipalities/{kommunkod} names every resource lives under.</summary>
public static class MunicipalityCodes
{
    public const string Prefix = "municipalities/";

    public static bool IsValid(string? code) =>
        code is { Length: 4 } && code.All(char.IsAsciiDigit);

    /// <summary>
    /// Reads "municipalities/{kommunkod}" from the start of a name and checks it is the caller's kommun.
    /// The check comes before any lookup, so a name under another kommun reveals nothing.
    /// Returns the rest of the name after the kommun segment ("" when none).
    /// </summary>
    public static string ClaimName(Caller caller, string? name, string field)
    {
        if (string.IsNullOrEmpty(name) || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Problems.InvalidArgument(field, "Namnet ska börja med municipalities/{kommunkod}.");
        }

        var rest = name.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        var code = (slash < 0 ? rest : rest[..slash]).ToString();
        if (!IsValid(code))
        {
            throw Problems.InvalidArgument(field, "Kommunkoden ska vara fyra siffror.");
        }

        if (!string.Equals(code, caller.MunicipalityCode, StringComparison.Ordinal))
        {
            throw Problems.PermissionDenied("Resursen tillhör inte anroparens kommun.");
        }

        return slash < 0 ? "" : rest[(slash + 1)..].ToString();
    }

    /// <summary>Like <see cref="ClaimName"/> for a parent that must be exactly municipalities/{kommunkod}.</summary>
    public static void ClaimParent(Caller caller, string? parent, string field = "parent")
    {
        if (ClaimName(caller, parent, field).Length != 0)
        {
            throw Problems.InvalidArgument(field, "Förälderns namn ska vara municipalities/{kommunkod}.");
        }
    }

    /// <summary>
    /// Reads the kommunkod of a parent "municipalities/{kommunkod}" without the tenant check: only
    /// for callers the method has already found may act across kommuner.
    /// </summary>
    public static string ParseParentAcrossTenants(string? parent, string field = "parent")
    {
        if (string.IsNullOrEmpty(parent) || !parent.StartsWith(Prefix, StringComparison.Ordinal) || !IsValid(parent[Prefix.Length..]))
        {
            throw Problems.InvalidArgument(field, "Namnet ska vara municipalities/{kommunkod}.");
        }

        return parent[Prefix.Length..];
    }

    public static RpcException Unauthenticated() => new(new Status(StatusCode.Unauthenticated, "Autentisering krävs."));
}

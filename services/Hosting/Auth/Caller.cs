using System.Security.Claims;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting.Auth;

/// <summary>The authenticated caller: who it is, which kommun it acts for, what it may do (space-separated scopes).</summary>
public sealed record Caller(string MunicipalityCode, string Subject, string Scopes)
{
    public bool Has(string scope)
    {
        foreach (var range in Scopes.AsSpan().Split(' '))
        {
            if (Scopes.AsSpan()[range].SequenceEqual(scope))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refuses the call with PERMISSION_DENIED unless the token carries the scope.</summary>
    public void Require(string scope)
    {
        if (!Has(scope))
        {
            throw Problems.PermissionDenied($"Behörigheten {scope} saknas.");
        }
    }

    // A token's calls share one principal while its authentication is kept (BearerScheme), and nothing changes a
    // principal after validation: its caller is read from the claims once and kept as long as the principal lives.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClaimsPrincipal, Caller> Read = new();

    /// <summary>The caller a validated principal names; UNAUTHENTICATED without a valid kommun code.</summary>
    public static Caller From(ClaimsPrincipal user) => Read.TryGetValue(user, out var caller) ? caller : Read.GetValue(user, FromClaims);

    private static Caller FromClaims(ClaimsPrincipal user)
    {
        var code = user.FindFirst(SuiteClaims.Municipality)?.Value;
        if (string.IsNullOrEmpty(code) || !MunicipalityCodes.IsValid(code))
        {
            throw Problems.Unauthenticated("Token saknar giltig kommunkod.");
        }

        var scopes = user.FindFirst(SuiteClaims.Scope)?.Value ?? "";
        var subject = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value ?? "";
        return new Caller(code, subject, scopes);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Socialtjanst.Hosting.Auth;

/// <summary>
/// What a caller without a valid token (401) or without access (403) receives, instead of a bare HTTP
/// status: a gRPC caller (also gRPC-web and Connect) gets a Trailers-Only answer with grpc-status
/// UNAUTHENTICATED (16) or PERMISSION_DENIED (7) and a message; a REST caller gets the status with a
/// google.rpc.Status body in JSON. Nothing in it says why a token failed (that would help an attacker).
/// </summary>
public static class AuthChallenges
{
    public const string UnauthenticatedMessage = "Autentisering krävs: en giltig bearer-token saknas.";
    public const string DeniedMessage = "Åtkomst nekad.";

    public static Task UnauthenticatedAsync(HttpContext http) => WriteAsync(http, StatusCodes.Status401Unauthorized, 16, UnauthenticatedMessage);

    public static Task ForbiddenAsync(HttpContext http) => WriteAsync(http, StatusCodes.Status403Forbidden, 7, DeniedMessage);

    private static async Task WriteAsync(HttpContext http, int httpStatus, int grpcStatus, string message)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            return;
        }

        if (http.Request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            // Trailers-Only (gRPC over HTTP/2, PROTOCOL-HTTP2.md): HTTP 200 and the status in the headers.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = type.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase) ? type : "application/grpc";
            response.Headers["grpc-status"] = grpcStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return;
        }

        response.StatusCode = httpStatus;
        if (httpStatus == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(new { code = grpcStatus, message, details = Array.Empty<object>() }));
    }
}

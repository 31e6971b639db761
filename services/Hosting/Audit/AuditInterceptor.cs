using Grpc.Core;
using Grpc.Core.Interceptors;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Hosting.Audit;

/// <summary>The methods of a service that touch individual-level data, and the service's name.</summary>
public sealed record AuditedMethods(string Service, IReadOnlySet<string> Methods);

/// <summary>
/// Leaves one access event per resource for every call to an audited method, whatever its
/// outcome. The method says which resources it touched through <see cref="AuditContext.Audit"/>
/// once it has checked their names; a call refused before that is logged on the caller's kommun.
/// </summary>
public sealed class AuditInterceptor(AuditLog log, AuditedMethods audited, SubjectPseudonyms pseudonyms, TimeProvider clock) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!audited.Methods.Contains(context.Method))
        {
            return await continuation(request, context);
        }

        var outcome = StatusCode.Internal; // what the error interceptor makes of anything unexpected
        try
        {
            var response = await continuation(request, context);
            outcome = StatusCode.OK;
            return response;
        }
        catch (RpcException ex)
        {
            outcome = ex.StatusCode;
            throw;
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            outcome = StatusCode.Cancelled;
            throw;
        }
        finally
        {
            await WriteAsync(context, outcome);
        }
    }

    private async Task WriteAsync(ServerCallContext context, StatusCode outcome)
    {
        var user = context.GetHttpContext().User;
        var code = user.FindFirst(SuiteClaims.Municipality)?.Value;
        if (string.IsNullOrEmpty(code))
        {
            return; // Not authenticated: nothing was touched, and there is no kommun to log it under.
        }

        var subject = pseudonyms.Of(code, user.FindFirst("sub")?.Value ?? "");
        var unit = pseudonyms.Unit(code, user.FindFirst(SuiteClaims.Unit)?.Value ?? "");
        var now = clock.GetUtcNow();
        var outcomeName = Name(outcome);
        var resources = AuditContext.Resources(context);
        if (resources.Count == 0)
        {
            resources = ["municipalities/" + code];
        }

        foreach (var resource in resources)
        {
            await log.AppendAsync(new AuditEntry(0, code, now, Truncate(subject, 200), Truncate(unit, 200), audited.Service, context.Method, Truncate(resource, 300), outcomeName), CancellationToken.None);
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>The status code as gRPC names it (OK, NOT_FOUND, ...).</summary>
    public static string Name(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "UNKNOWN",
    };
}

/// <summary>How a method names the resources its call touched, for the access log.</summary>
public static class AuditContext
{
    private static readonly object Key = new();

    /// <summary>Records that this call touched the resource (a resource name, never content).</summary>
    public static void Audit(this ServerCallContext context, string resource)
    {
        if (!context.UserState.TryGetValue(Key, out var value) || value is not List<string> list)
        {
            list = [];
            context.UserState[Key] = list;
        }

        list.Add(resource);
    }

    internal static IReadOnlyList<string> Resources(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var value) && value is List<string> list ? list : [];
}

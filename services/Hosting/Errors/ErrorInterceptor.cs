using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting;

/// <summary>
/// The one place errors become statuses: a domain <see cref="Problem"/> becomes its rich status;
/// a passing database fault becomes ABORTED or UNAVAILABLE (<see cref="Data.DatabaseFaults"/>), which clients
/// retry; anything that is not already a deliberate RpcException becomes INTERNAL without detail, logged
/// by the exception's type and the method only (exception messages can hold request data).
/// Registered first and last in the chain: the inner copy answers for the handler, so every other
/// interceptor (audit, limits) sees a status; the outer copy answers for the interceptors themselves.
/// </summary>
public sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Task<TResponse> call;
        try
        {
            call = continuation(request, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }

        // A call that answered at once (most checks and reads: from memory) passes through without a state machine of
        // its own; only one still running, or one that failed, is awaited here to translate its fault.
        return call.IsCompletedSuccessfully ? call : AwaitedAsync(call, context);
    }

    private async Task<TResponse> AwaitedAsync<TResponse>(Task<TResponse> call, ServerCallContext context)
    {
        try
        {
            return await call;
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    private RpcException? Translate(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case RpcException:
                return null;
            case Problem problem:
                return problem.ToRpcException();
            case Exception when context.CancellationToken.IsCancellationRequested:
                // The caller left (or its deadline passed): a cancelled query, an interrupted
                // statement, a write to a stream already reset. Nobody is there to answer.
                return new RpcException(new Status(StatusCode.Cancelled, "Anropet avbröts."));
            case Exception when Data.DatabaseFaults.KindOf(ex) is { } fault:
                var code = fault == Data.DatabaseFault.RolledBack ? StatusCode.Aborted : StatusCode.Unavailable;
                // A deadlock, a failover, a busy engine: the client retries (never INTERNAL, which it would not).
                LogDatabaseFault(logger, context.Method, Data.DatabaseFaults.Describe(ex), code.ToString());
                return new RpcException(new Status(code, code == StatusCode.Aborted
                    ? "Databasen avbröt transaktionen (låsning); inget skrevs. Försök igen."
                    : "Databasen går inte att nå för stunden. Försök igen om en stund."));
            default:
                LogUnhandled(logger, context.Method, Data.DatabaseFaults.Describe(ex));
                return new RpcException(new Status(StatusCode.Internal, "Internt fel."));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database fault {Fault} in {Method}; answered {Status}")]
    private static partial void LogDatabaseFault(ILogger logger, string method, string fault, string status);

    // The type, and for a database error its number (never a message, which can quote values).
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} in {Method}")]
    private static partial void LogUnhandled(ILogger logger, string method, string exceptionType);
}

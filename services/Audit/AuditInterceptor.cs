using Grpc.Core;
using Grpc.Core.Interceptors;
using Socialtjanst.Hosting.Auth;

namespace Socialtjanst.Audit;

/// <summary>
/// Leaves one access event per resource for every call to an audited method, whatever its
/// outcome. The method says which resources it touched through <see cref="AuditContext.Audit"/>
/// once it has checked their names; a call refused before that is logged on the caller's kommun.
/// </summary>
public sealed class AuditInterceptor(AuditLog log, AuditedMethods audited, SubjectPseudonyms pseudonyms, TimeProvider clock) : Interceptor
{
    // A method not audited passes straight through: no state machine, nothing allocated on its way.
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        audited.Methods.Contains(context.Method) ? AuditedUnaryAsync(request, context, continuation) : continuation(request, context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        audited.Methods.Contains(context.Method) ? AuditedStreamAsync(request, responseStream, context, continuation) : continuation(request, responseStream, context);

    private async Task<TResponse> AuditedUnaryAsync<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        // A write records its events in its own transaction (the journal); what it did not record is logged after.
        var journal = Who(context) is { } who ? new AuditJournal((resource, reference) => Entry(context, who, resource, "OK", reference), who.Subject, context.Method[(context.Method.LastIndexOf('/') + 1)..]) : null;
        if (journal is not null)
        {
            AuditContext.SetWriteJournal(context, journal); // the method hands it to its write (context.WriteJournal())
        }

        TResponse response = default!;
        await AuditedAsync(context, async () => response = await continuation(request, context), journal: journal);
        return response;
    }

    private async Task AuditedStreamAsync<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        // A stream's first message leaves only once its event (outcome OK) is committed; a stream that
        // then fails is logged again with its outcome.
        var writer = new FirstMessageAudited<TResponse>(responseStream, () => WriteAsync(context, StatusCode.OK));
        await AuditedAsync(context, () => continuation(request, writer, context), writer);
    }

    private async Task AuditedAsync(ServerCallContext context, Func<Task> call, IStreamAudit? stream = null, AuditJournal? journal = null)
    {
        var outcome = StatusCode.Internal; // what the error interceptor makes of anything unexpected
        try
        {
            await call();
            outcome = StatusCode.OK;
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
            if (stream is not { Logged: true } || outcome != StatusCode.OK)
            {
                await WriteAsync(context, outcome, journal);
            }
        }
    }

    private interface IStreamAudit
    {
        bool Logged { get; }
    }

    private sealed class FirstMessageAudited<T>(IServerStreamWriter<T> inner, Func<Task> logFirst) : IServerStreamWriter<T>, IStreamAudit
    {
        public bool Logged { get; private set; }

        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public async Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            if (!Logged)
            {
                await logFirst();
                Logged = true;
            }

            await inner.WriteAsync(message, cancellationToken);
        }
    }

    private Task WriteAsync(ServerCallContext context, StatusCode outcome) => WriteAsync(context, outcome, null);

    private async Task WriteAsync(ServerCallContext context, StatusCode outcome, AuditJournal? journal)
    {
        if (Who(context) is not { } who)
        {
            return; // Not authenticated: nothing was touched, and there is no kommun to log it under.
        }

        var resources = AuditContext.Resources(context);
        if (resources.Count == 0)
        {
            resources = [("municipalities/" + who.Code, "")];
        }

        // What the write's own transaction recorded is not logged twice (a replayed request wrote nothing, so it is).
        var outcomeName = Name(outcome);
        var entries = resources
            .Where(r => outcome != StatusCode.OK || journal is null || !journal.Recorded(r.Resource))
            .Select(r => Entry(context, who, r.Resource, outcomeName, r.Reference))
            .ToList();

        // The answer leaves only once its events are committed: an answered call always has its event.
        if (entries.Count > 0)
        {
            await log.AppendAsync(entries, CancellationToken.None);
        }
    }

    /// <summary>The caller as the log keeps it: the kommun, the subject's pseudonym and the unit; null when not authenticated or its kommun code is no kommun code.</summary>
    private (string Code, string Subject, string Unit)? Who(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var code = user.FindFirst(SuiteClaims.Municipality)?.Value;
        return code is null || !MunicipalityCodes.IsValid(code) // a kommun the caller did not prove is no kommun to log under
            ? null
            : (code, Truncate(pseudonyms.Of(code, user.FindFirst("sub")?.Value ?? ""), 200), Truncate(pseudonyms.Unit(code, user.FindFirst(SuiteClaims.Unit)?.Value ?? ""), 200));
    }

    private AuditEntry Entry(ServerCallContext context, (string Code, string Subject, string Unit) who, string resource, string outcome, string reference) =>
        new(0, who.Code, clock.GetUtcNow(), who.Subject, who.Unit, audited.Service, context.Method, Truncate(resource, 300), outcome, Truncate(reference, 200));

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

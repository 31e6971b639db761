using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting;

/// <summary>
/// A domain <see cref="Problem"/> as a rich gRPC status (google.rpc.Status with BadRequest /
/// PreconditionFailure details, as in grpc-dotnet's examples/Error). The only place the mapping lives.
/// </summary>
public static class ProblemStatus
{
    public static RpcException ToRpcException(this Problem problem) => problem.ToStatus().ToRpcException();

    /// <summary>The problem as a google.rpc.Status with its details (what REST answers in JSON).</summary>
    public static Google.Rpc.Status ToStatus(this Problem problem)
    {
        var status = new Google.Rpc.Status { Code = (int)CodeOf(problem.Kind), Message = problem.Message };
        if (problem.Rules.Count > 0)
        {
            var failure = new PreconditionFailure();
            failure.Violations.AddRange(problem.Rules.Select(p => new PreconditionFailure.Types.Violation
            {
                Type = p.Paragraph,
                Subject = p.Subject,
                Description = p.Description,
            }));
            status.Details.Add(Any.Pack(failure));
        }

        if (problem.Fields.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(problem.Fields.Select(p => new BadRequest.Types.FieldViolation
            {
                Field = p.Field,
                Description = p.Description,
            }));
            status.Details.Add(Any.Pack(badRequest));
        }

        return status;
    }

    public static Code CodeOf(ProblemKind kind) => kind switch
    {
        ProblemKind.InvalidArgument => Code.InvalidArgument,
        ProblemKind.FailedPrecondition => Code.FailedPrecondition,
        ProblemKind.NotFound => Code.NotFound,
        ProblemKind.PermissionDenied => Code.PermissionDenied,
        ProblemKind.Unauthenticated => Code.Unauthenticated,
        ProblemKind.AlreadyExists => Code.AlreadyExists,
        ProblemKind.Aborted => Code.Aborted,
        ProblemKind.Unavailable => Code.Unavailable,
        _ => Code.Internal,
    };
}

using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Socialtjanst.Hosting;

/// <summary>A field that is wrong, named by its path in the request. Never carries the value.</summary>
public sealed record FieldProblem(string Field, string Description);

/// <summary>A legal rule a request breaks, citing the paragraph.</summary>
public sealed record RuleProblem(string Paragraph, string Subject, string Description);

/// <summary>
/// Rich gRPC errors (google.rpc.Status with BadRequest / PreconditionFailure details, as in
/// grpc-dotnet's examples/Error). Messages name fields and paragraphs, never values: a request may
/// carry personal data and an error message ends up in logs.
/// </summary>
public static class Problems
{
    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldProblem(field, description)]);

    public static RpcException InvalidArgument(IReadOnlyCollection<FieldProblem> problems)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(problems.Select(p => new BadRequest.Types.FieldViolation
        {
            Field = p.Field,
            Description = p.Description,
        }));
        var fields = string.Join(", ", problems.Select(p => p.Field).Distinct());
        return Build(Code.InvalidArgument, $"Ogiltiga fält: {fields}.", badRequest);
    }

    public static RpcException FailedPrecondition(IReadOnlyCollection<RuleProblem> problems, IReadOnlyCollection<FieldProblem>? fields = null)
    {
        var failure = new PreconditionFailure();
        failure.Violations.AddRange(problems.Select(p => new PreconditionFailure.Types.Violation
        {
            Type = p.Paragraph,
            Subject = p.Subject,
            Description = p.Description,
        }));
        var first = problems.First();
        var more = problems.Count > 1 ? $" (och {problems.Count - 1} till)" : "";
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = first.Paragraph.Length > 0 ? $"{first.Description.TrimEnd('.')} ({first.Paragraph}){more}." : $"{first.Description.TrimEnd('.')}{more}.",
        };
        status.Details.Add(Any.Pack(failure));
        if (fields is { Count: > 0 })
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(fields.Select(p => new BadRequest.Types.FieldViolation { Field = p.Field, Description = p.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }

    public static RpcException NotFound(string what) => Build(Code.NotFound, $"{what} finns inte.", null);

    public static RpcException PermissionDenied(string why) => Build(Code.PermissionDenied, why, null);

    public static RpcException AlreadyExists(string what) => Build(Code.AlreadyExists, what, null);

    public static RpcException Aborted(string why) => Build(Code.Aborted, why, null);

    private static RpcException Build(Code code, string message, Google.Protobuf.IMessage? detail)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (detail is not null)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }
}

namespace Socialtjanst.Errors;

/// <summary>What kind of refusal a problem is; each maps to one gRPC status at the edge (same names).</summary>
public enum ProblemKind
{
    InvalidArgument,
    FailedPrecondition,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    AlreadyExists,
    Aborted,
    Unavailable,
}

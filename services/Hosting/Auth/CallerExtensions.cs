using Grpc.Core;

namespace Socialtjanst.Hosting.Auth;

public static class CallerExtensions
{
    /// <summary>The caller of this gRPC call, from its validated bearer token.</summary>
    public static Caller GetCaller(this ServerCallContext context) => Caller.From(context.GetHttpContext().User);

    /// <summary>The caller of this call, refused with PERMISSION_DENIED unless its token carries the scope.</summary>
    public static Caller Require(this ServerCallContext context, string scope)
    {
        var caller = context.GetCaller();
        caller.Require(scope);
        return caller;
    }
}

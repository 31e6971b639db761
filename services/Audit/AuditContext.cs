using Grpc.Core;

namespace Socialtjanst.Audit;

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

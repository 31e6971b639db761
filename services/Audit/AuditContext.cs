using Grpc.Core;
using Socialtjanst.Data;

namespace Socialtjanst.Audit;

/// <summary>How a method names the resources its call touched, for the access log.</summary>
public static class AuditContext
{
    private static readonly object Key = new();

    private static readonly object JournalKey = new();

    /// <summary>
    /// The call's journal when the method is audited and the caller known: a write hands it to its store, which
    /// records the call's events in the write's own transaction. Null otherwise (the write records nothing itself).
    /// </summary>
    public static IWriteJournal? WriteJournal(this ServerCallContext context) =>
        context.UserState.TryGetValue(JournalKey, out var value) ? value as IWriteJournal : null;

    internal static void SetWriteJournal(ServerCallContext context, IWriteJournal journal) => context.UserState[JournalKey] = journal;

    /// <summary>
    /// Records that this call touched the resource (a resource name, never content), and what the access
    /// rests on where the service knows it (a Catalog change: the nämnd decision reference).
    /// </summary>
    public static void Audit(this ServerCallContext context, string resource, string reference = "")
    {
        if (!context.UserState.TryGetValue(Key, out var value) || value is not List<(string, string)> list)
        {
            list = [];
            context.UserState[Key] = list;
        }

        list.Add((resource, reference));
    }

    internal static IReadOnlyList<(string Resource, string Reference)> Resources(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var value) && value is List<(string, string)> list ? list : [];
}

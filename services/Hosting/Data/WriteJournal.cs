namespace Socialtjanst.Hosting.Data;

/// <summary>The current call's <see cref="IWriteJournal"/>, if the call is audited (set by the access log around the call).</summary>
public static class WriteJournal
{
    private static readonly AsyncLocal<IWriteJournal?> Ambient = new();

    public static IWriteJournal? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>Records the resources in the journal of the current call, if any, inside the given transaction.</summary>
    public static Task RecordAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, IReadOnlyCollection<string> resources, CancellationToken ct) =>
        RecordAsync(connection, transaction, resources.Select(r => (r, "")).ToList(), ct);

    /// <summary>Records the resources, each with the reference it rests on (a nämnd decision), in the journal of the current call.</summary>
    public static Task RecordAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, IReadOnlyCollection<(string Resource, string Reference)> resources, CancellationToken ct) =>
        Current is { } journal && resources.Count > 0 ? journal.RecordAsync(connection, transaction, resources, ct) : Task.CompletedTask;
}

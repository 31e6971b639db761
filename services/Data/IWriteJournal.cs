using System.Data.Common;

namespace Socialtjanst.Data;

/// <summary>
/// What must be written in the same transaction as a call's data: the access log's events of a write
/// (services/Audit). A store that writes individual-level data hands it the resources it changed just
/// before it commits, so the data and the record of who changed it commit together or not at all.
/// </summary>
public interface IWriteJournal
{
    /// <summary>Who makes the call, as the access log keeps it (a keyed pseudonym, never the subject as given).</summary>
    string Author { get; }

    /// <summary>The method called (its short gRPC name, e.g. UpdateIntervention).</summary>
    string Method { get; }

    /// <summary>Records the call's events for the resources (each with the reference it rests on, or "") in the transaction.</summary>
    Task RecordAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<(string Resource, string Reference)> resources, CancellationToken ct);
}

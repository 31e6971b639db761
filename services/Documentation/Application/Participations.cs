using Socialtjanst.Data;
using Socialtjanst.Documentation.Storage;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Documentation.Application;

/// <summary>Participations in activity-level insatser: counted, never about a person (no name, no identity number, no free text).</summary>
public sealed class Participations(ParticipationStore store)
{
    /// <summary>
    /// Records one participation on its day, and the access log's event for the insats in the same transaction;
    /// false when the request id was already used (nothing written).
    /// </summary>
    public Task<bool> RecordAsync(string code, string requestId, string interventionId, string resource, DateOnly day, Participation p, IWriteJournal? journal, CancellationToken ct) =>
        store.RecordAsync(code, requestId, interventionId, resource, new ParticipationRow
        {
            Day = day.ToIso(),
            AgeBand = (long)p.AgeBand,
            Gender = (long)p.Gender,
            WellbeingStart = p.WellbeingStart,
            WellbeingEnd = p.WellbeingEnd,
            EarlyEndReason = (long)p.EarlyEndReason,
        }, journal, ct);
}

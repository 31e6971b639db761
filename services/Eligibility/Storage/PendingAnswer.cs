namespace Socialtjanst.Eligibility.Storage;

/// <summary>
/// An answer waiting to be written: its kommun and id (for the chunk and its order), the shared texts of its conditions,
/// and the answer itself already encoded. A queued answer is thus one array (the id is the answer's own string), not a
/// graph of objects each garbage collection must trace and copy while it waits.
/// </summary>
public readonly record struct PendingAnswer(string MunicipalityCode, string DecisionId, Format.ConditionSet Conditions, byte[] Answer);

namespace Socialtjanst.Data;

/// <summary>A passing database fault: what a caller may do about it.</summary>
public enum DatabaseFault
{
    /// <summary>The transaction was rolled back whole (a deadlock victim, a serialization failure): retry the call.</summary>
    RolledBack,

    /// <summary>The database is moving, busy or unreachable for now: retry with backoff.</summary>
    Unavailable,
}

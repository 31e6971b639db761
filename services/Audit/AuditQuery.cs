namespace Socialtjanst.Audit;

/// <summary>What an auditor asks for: one kommun's events in a window, newest first, after a cursor.</summary>
public sealed record AuditQuery(
    string MunicipalityCode,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Subject,
    string? Resource,
    long? BeforeId,
    int Limit);

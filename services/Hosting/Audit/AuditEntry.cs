namespace Socialtjanst.Hosting.Audit;

/// <summary>One access to individual-level data. Never the content of the data.</summary>
public sealed record AuditEntry(
    long Id,
    string MunicipalityCode,
    DateTimeOffset OccurredAt,
    string Subject,
    string Unit,
    string Service,
    string Method,
    string Resource,
    string Outcome);

/// <summary>What an auditor asks for: one kommun's events in a window, newest first, after a cursor.</summary>
public sealed record AuditQuery(
    string MunicipalityCode,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Subject,
    string? Resource,
    long? BeforeId,
    int Limit);

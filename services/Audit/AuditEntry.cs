namespace Socialtjanst.Audit;

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
    string Outcome,
    string Reference = "");

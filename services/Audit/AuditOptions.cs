namespace Socialtjanst.Audit;

/// <summary>How long the access log is kept and how it is written (section "Audit").</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Events older than this are deleted. Five years by default; a kommun's
    /// informationshanteringsplan decides.</summary>
    public int RetentionDays { get; set; } = 1826;

    /// <summary>How often expired events are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Events waiting to be written; a call waits for room rather than lose its event.</summary>
    public int QueueCapacity { get; set; } = 50_000;
}

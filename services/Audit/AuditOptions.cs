using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Audit;

/// <summary>How long the access log is kept and how it is written (section "Audit").</summary>
public sealed class AuditOptions : ISettings
{
    public static string Section => "Audit";

    /// <summary>Events older than this are deleted. Five years by default; a kommun's
    /// informationshanteringsplan decides.</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 1826;

    /// <summary>How often expired events are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Events waiting to be written; a call waits for room rather than lose its event.</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 50_000;
}

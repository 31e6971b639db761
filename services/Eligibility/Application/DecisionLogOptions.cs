using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Eligibility.Application;

/// <summary>How long the decision log keeps answers and how it writes them (section "Eligibility:DecisionLog").</summary>
public sealed class DecisionLogOptions : ISettings
{
    public static string Section => "Eligibility:DecisionLog";

    /// <summary>
    /// Answers older than this are deleted. Two years by default: long enough for a resident's complaint
    /// or an IVO inquiry about an answer; a kommun's informationshanteringsplan decides.
    /// </summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 730;

    /// <summary>How often expired answers are deleted (by one replica of the fleet, under a lease).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Answers waiting to be written. A check hands its answer over and returns; when the queue is full
    /// (the database has been away a long while) a check waits for room rather than give an answer that is
    /// not kept, and readiness turns before that (at 90 %).
    /// </summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>The most answers written in one transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// How often the writer commits what has arrived (200 ms): an answer is in the log at most about this long
    /// after it was given (longer while the database is away).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

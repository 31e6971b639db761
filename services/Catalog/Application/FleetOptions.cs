using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Catalog.Application;

/// <summary>How a Catalog instance learns of the writes of the other instances over the same database.</summary>
public sealed class FleetOptions : ISettings
{
    public static string Section => "Catalog:Fleet";

    /// <summary>
    /// How often the instance reads every kommun's revision (one small query on the municipality table,
    /// whatever the number of watch streams) to catch up on other instances' writes. It bounds how long
    /// a write on one instance takes to reach the watchers of another; 100 ms keeps that p99 under 250 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}

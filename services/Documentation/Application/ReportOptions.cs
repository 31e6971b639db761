namespace Socialtjanst.Documentation.Application;

/// <summary>How activity reports are protected.</summary>
public sealed class ReportOptions
{
    /// <summary>No cell below this count is shown (default 5).</summary>
    public int SuppressionThreshold { get; set; } = 5;
}

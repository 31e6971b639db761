using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.Documentation.Application;

/// <summary>How activity reports are protected.</summary>
public sealed class ReportOptions : ISettings
{
    public static string Section => "Documentation";

    /// <summary>No cell below this count is shown (default 5).</summary>
    [Range(3, 1000, ErrorMessage = "{0} must be between {1} and {2}: a cell of fewer than three people can single one out.")]
    public int SuppressionThreshold { get; set; } = 5;
}

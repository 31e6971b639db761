using Socialtjanst.Catalog;
using Socialtjanst.Documentation;
using Socialtjanst.Eligibility;
using Socialtjanst.FollowUp;

namespace Socialtjanst.Suite;

/// <summary>
/// The suite's services, written once: the embedded default runs them in this order (the Catalog first,
/// its consumers after), and the tests' in-process stack starts the same list. A fifth service is one line here.
/// </summary>
public static class SuiteServices
{
    public static IReadOnlyList<SuiteService> All { get; } =
    [
        new("Catalog", 5101, b => b.AddCatalog(), a => a.MapCatalog(), DefaultRestPort: 5111),
        new("Eligibility", 5102, b => b.AddEligibility(), a => a.MapEligibility(), DefaultRestPort: 5112),
        new("Documentation", 5103, b => b.AddDocumentation(), a => a.MapDocumentation(), DefaultRestPort: 5113),
        new("FollowUp", 5104, b => b.AddFollowUp(), a => a.MapFollowUp(), DefaultRestPort: 5114),
    ];

    /// <summary>The service of that name; an unknown name is an error, never a default.</summary>
    public static SuiteService Named(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"No service named {name}.", nameof(name));
}

using Socialtjanst.Settings;

namespace Socialtjanst.Catalog.Workbench;

/// <summary>Where the nämnd's workbench finds the Eligibility and how its users sign in (section "Workbench").</summary>
public sealed class WorkbenchOptions : ISettings
{
    public static string Section => "Workbench";

    /// <summary>The Eligibility's REST face as the browser reaches it (what-if, decision lookups), e.g. https://eligibility.kommun.se.</summary>
    public string EligibilityUrl { get; set; } = "";

    /// <summary>
    /// The kommun's identity provider (authorization code with PKCE, a public client). Without it the workbench
    /// is served only where development defaults are allowed, with development tokens.
    /// </summary>
    public WorkbenchSignIn SignIn { get; set; } = new();

    /// <summary>
    /// Where development defaults are allowed: a file holding the key the development sign-in must present
    /// (header <c>X-Workbench-Key</c>). The embedded suite writes it to its owner-only data folder and prints the
    /// workbench's address with the key in its fragment; without the file there is no development sign-in.
    /// </summary>
    public string DevelopmentKeyFile { get; set; } = "";
}

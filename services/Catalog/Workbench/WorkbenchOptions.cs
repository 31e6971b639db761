namespace Socialtjanst.Catalog.Workbench;

/// <summary>Where the nämnd's workbench finds the Eligibility and how its users sign in (section "Workbench").</summary>
public sealed class WorkbenchOptions
{
    public const string Section = "Workbench";

    /// <summary>The Eligibility's REST face as the browser reaches it (what-if, decision lookups), e.g. https://eligibility.kommun.se.</summary>
    public string EligibilityUrl { get; set; } = "";

    /// <summary>
    /// The kommun's identity provider (authorization code with PKCE, a public client). Without it the workbench
    /// is served only where development defaults are allowed, with development tokens.
    /// </summary>
    public WorkbenchSignIn SignIn { get; set; } = new();
}

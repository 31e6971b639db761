namespace Socialtjanst.Eligibility.Api;

/// <summary>The origins whose pages (the nämnd's workbench) may call this REST face from a browser: Workbench:Origins.</summary>
public static class WorkbenchCors
{
    public const string Section = "Workbench:Origins";

    public const string Policy = "workbench";
}

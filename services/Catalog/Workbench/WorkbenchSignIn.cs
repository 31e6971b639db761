namespace Socialtjanst.Catalog.Workbench;

/// <summary>The identity provider the workbench's users sign in with.</summary>
public sealed class WorkbenchSignIn
{
    /// <summary>The issuer's URL (its /.well-known/openid-configuration is read by the browser).</summary>
    public string Authority { get; set; } = "";

    /// <summary>The workbench's client id at the provider (a public client: no secret in a browser).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The scopes asked for.</summary>
    public string Scope { get; set; } = "openid catalog.read catalog.write decisions.read";
}

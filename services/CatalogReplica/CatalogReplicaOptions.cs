using System.ComponentModel.DataAnnotations;
using Socialtjanst.Settings;

namespace Socialtjanst.CatalogReplica;

/// <summary>Where the Catalog is, who this service is to it, and where the local copies live.</summary>
public sealed class CatalogReplicaOptions : ISettings
{
    public static string Section => "CatalogReplica";

    /// <summary>The Catalog's address, e.g. http://127.0.0.1:5101.</summary>
    public string CatalogAddress { get; set; } = "";

    /// <summary>
    /// "RoundRobin": the address's name is resolved to every Catalog instance (a headless Service's DNS) and calls and
    /// streams are spread over all of them, one HTTP/2 connection each; re-resolved when a connection fails. Empty:
    /// one connection to whatever the name answers.
    /// </summary>
    public string LoadBalancing { get; set; } = "";

    /// <summary>
    /// With round robin, how often the name is resolved again although no connection failed: a Catalog pod that became
    /// ready after this service resolved (a scale-up, a rolling restart) gets its share within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan DnsRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A static bearer token with the scope catalog.replicate: for the embedded default and tests. In
    /// production the service gets its own from the identity provider (<see cref="TokenEndpoint"/>);
    /// a static token outside Development needs CatalogReplica:AllowStaticToken.
    /// </summary>
    public string Token { get; set; } = "";

    /// <summary>The identity provider's token endpoint: the service's tokens come from it by the client-credentials grant.</summary>
    public string TokenEndpoint { get; set; } = "";

    /// <summary>This service's client id at the identity provider.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Its client secret; prefer <see cref="ClientSecretFile"/> (a mounted Kubernetes secret, read when needed).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>A file holding the client secret.</summary>
    public string ClientSecretFile { get; set; } = "";

    /// <summary>The scope asked for.</summary>
    public string Scope { get; set; } = "catalog.replicate";

    /// <summary>The Catalog's audience, sent as "audience" where the provider wants one (empty: not sent).</summary>
    public string Audience { get; set; } = "";

    /// <summary>How long before expiry a token is fetched again (at most half its lifetime).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>This service's client certificate (PEM) for mutual TLS with the Catalog, and its key; empty: none.</summary>
    public string ClientCertificatePath { get; set; } = "";

    /// <summary>The private key (PEM) of `ClientCertificatePath`, for mutual TLS to the Catalog.</summary>
    public string ClientKeyPath { get; set; } = "";

    /// <summary>The CA (PEM) the Catalog's server certificate must chain to, when it is a private one; empty: the machine's roots.</summary>
    public string CatalogCertificateAuthority { get; set; } = "";

    /// <summary>Folder of the last-known-good copies, one file per kommun.</summary>
    public string StateDirectory { get; set; } = "";

    /// <summary>First wait before retrying UNAVAILABLE; doubles, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two retries of a call or a stream to the Catalog (the waits grow from `InitialBackoff`).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries of one call on UNAVAILABLE before the failure counts as an outage.</summary>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>How long the circuit stays open once the Catalog is judged away.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait after an answer that is not an outage (e.g. PERMISSION_DENIED from a
    /// misconfigured token) before asking again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RefusedBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of a watch stream: it then ends and resumes from its revision, so streams
    /// spread over Catalog instances and none is held forever.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan StreamLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// One full collection once every kommun's catalog is live, which gives the start's garbage back (SettleAfterStart).
    /// On in a pod; off where many services share one process (the tests' in-process hosts), where each would pause all.
    /// </summary>
    public bool SettleAfterStart { get; set; } = true;

    /// <summary>How often the list of kommuner is asked for again, to pick up new ones.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of each unary call to the Catalog, and of a stream's first message.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(5);
}

using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Socialtjanst.Hosting.Lifecycle;

/// <summary>
/// Mutual TLS: with Transport:ClientCertificateAuthority (a PEM file, e.g. the mesh's or the platform's
/// CA from a Kubernetes secret) every HTTPS endpoint of the service requires a client certificate that
/// chains to that CA; a caller without one does not get past the handshake. The same files on the client
/// side: CatalogReplica:ClientCertificatePath / ClientKeyPath / CatalogCertificateAuthority.
/// </summary>
public static class MutualTls
{
    public const string Setting = "Transport:ClientCertificateAuthority";

    public static void Require(HttpsConnectionAdapterOptions https, string authorityPath)
    {
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(authorityPath));
        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (certificate, _, _) => ChainsTo(certificate, authority);
    }

    /// <summary>Whether a certificate chains to the given CA alone (not the machine's roots), and is valid now.</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a private CA publishes no CRL here; rotate short-lived certificates instead
        return chain.Build(certificate);
    }
}

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.CatalogReplica;

/// <summary>
/// The connection to the Catalog: HTTP/2 with keep-alive pings and several connections, and — when
/// configured — this service's client certificate for mutual TLS and a private CA for the Catalog's.
/// </summary>
public static class CatalogTransport
{
    public static SocketsHttpHandler Handler(CatalogReplicaOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = options.CallDeadline,
        };
        if (options.ClientCertificatePath.Length > 0)
        {
            var certificate = X509Certificate2.CreateFromPemFile(options.ClientCertificatePath, options.ClientKeyPath);
            handler.SslOptions.ClientCertificates = [certificate];
        }

        if (options.CatalogCertificateAuthority.Length > 0)
        {
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(options.CatalogCertificateAuthority));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is X509Certificate2 server
                && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None // the name must still match
                && MutualTls.ChainsTo(server, authority);
        }

        return handler;
    }
}

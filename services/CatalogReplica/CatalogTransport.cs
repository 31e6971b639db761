using System.Net.Security;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography.X509Certificates;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.CatalogReplica;

/// <summary>
/// The connection to the Catalog: HTTP/2 with keep-alive pings and several connections, and — when
/// configured — this service's client certificate for mutual TLS and a private CA for the Catalog's.
/// </summary>
public static class CatalogTransport
{
    /// <summary>
    /// The channel to the Catalog. With <see cref="CatalogReplicaOptions.LoadBalancing"/> "RoundRobin" the address's name
    /// is resolved by DNS to every instance (dns:///, TLS kept) and each call and stream goes to the next.
    /// </summary>
    public static GrpcChannel Channel(CatalogReplicaOptions options)
    {
        var channel = new GrpcChannelOptions
        {
            HttpHandler = Handler(options),
            // Polly's timeout cancels an attempt; it must see that as a cancellation, not an answer.
            ThrowOperationCanceledOnCancellation = true,
            MaxRetryAttempts = 0,
        };
        if (!string.Equals(options.LoadBalancing, "RoundRobin", StringComparison.OrdinalIgnoreCase))
        {
            return GrpcChannel.ForAddress(options.CatalogAddress, channel);
        }

        var address = new Uri(options.CatalogAddress);
        channel.Credentials = address.Scheme == Uri.UriSchemeHttps ? Grpc.Core.ChannelCredentials.SecureSsl : Grpc.Core.ChannelCredentials.Insecure;
        channel.ServiceConfig = new Grpc.Net.Client.Configuration.ServiceConfig { LoadBalancingConfigs = { new Grpc.Net.Client.Configuration.RoundRobinConfig() } };
        // Without a refresh the name is resolved again only when a connection fails: a Catalog pod added later would
        // never get a consumer that resolved before it was ready.
        var resolvers = new ServiceCollection();
        resolvers.AddSingleton<ResolverFactory>(new DnsResolverFactory(options.DnsRefreshInterval));
        channel.ServiceProvider = resolvers.BuildServiceProvider();
        return GrpcChannel.ForAddress($"dns:///{address.Host}:{address.Port}", channel);
    }

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

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.IdentityModel.Tokens;
using Socialtjanst.Bench.V1;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Suite;
using Socialtjanst.TestSupport;

namespace Socialtjanst.Bench;

/// <summary>
/// Eligibility as a kommun runs it: over TLS (a certificate from files), with RS256 tokens from an
/// identity provider validated through its JWKS. Both sides of the comparison — the check and echo —
/// run in that host, over TLS, with those tokens; the plaintext, HS256 figure is measured in the same
/// run for comparison.
/// </summary>
public static class IdentityBench
{
    private const string Audience = "socialtjanst-eligibility";

    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration)
    {
        Console.WriteLine("### plaintext, HS256 development tokens\n");
        await EligibilityBench.RunAsync(host, concurrency, duration);

        await using var idp = await TestIdentityProvider.StartAsync();
        var key = TestIdentityProvider.NewRsaKey("bench-1");
        idp.Publish(key);
        var directory = Path.Combine(host.Directory, "identity");
        Directory.CreateDirectory(directory);
        using var certificate = WriteCertificate(directory);
        var url = $"https://127.0.0.1:{Hosts.FreePort()}";
        // Its own SQLite file and catalog copy in its own folder, replicating from the bench's Catalog.
        var configuration = host.Configuration with
        {
            DataDirectory = directory,
            Database = SuiteDatabase.SqliteFiles,
            CatalogAddress = host.CatalogAddress,
            ReplicaToken = host.Issuer.Issue("0000", "bench", ["catalog.replicate"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2)),
        };
        var app = host.Build("Eligibility", url, configuration: configuration.With(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = url,
            ["Kestrel:Endpoints:Https:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = Path.Combine(directory, "tls.crt"),
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = Path.Combine(directory, "tls.key"),
            ["Auth:Audience"] = Audience,
            ["Auth:Issuers:0:Issuer"] = idp.Issuer,
            ["Auth:Issuers:0:Municipalities:0"] = "2514",
            ["Auth:Issuers:0:RequireHttpsMetadata"] = "false", // the provider is on loopback; the service itself is on TLS
        }));
        await app.StartAsync();
        try
        {
            await app.Services.GetRequiredService<CatalogReplica.CatalogReplica>().WaitForRevisionAsync("2514", 1, TimeSpan.FromSeconds(30));
            var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
            var thumbprint = certificate.Thumbprint;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) => server is X509Certificate2 s && s.Thumbprint == thumbprint;
            using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = handler });
            var token = idp.Token(key, SecurityAlgorithms.RsaSha256, "2514", "eligibility.check", Audience, lifetime: TimeSpan.FromHours(2));
            var invoker = channel.Intercept(m =>
            {
                m.Add("Authorization", "Bearer " + token);
                return m;
            });
            var echo = new EchoService.EchoServiceClient(invoker);
            var eligibility = new EligibilityService.EligibilityServiceClient(invoker);
            var check = EligibilityBench.Check();
            var payload = new EchoRequest { Payload = ByteString.CopyFrom(new byte[check.CalculateSize()]) };
            Console.WriteLine("### TLS, RS256 tokens validated through the provider's JWKS (echo likewise)\n");
            await Versus.RunAsync("eligibility check (TLS, RS256)", async ct => await echo.EchoAsync(payload, cancellationToken: ct),
                async ct => await eligibility.CheckEligibilityAsync(check, cancellationToken: ct), concurrency, duration);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static X509Certificate2 WriteCertificate(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=eligibility.bench", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(directory, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "tls.key"), rsa.ExportPkcs8PrivateKeyPem());
        return certificate;
    }
}

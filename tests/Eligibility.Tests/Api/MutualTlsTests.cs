using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// Mutual TLS between the services: the Catalog, given a CA (Transport:ClientCertificateAuthority),
/// answers only callers with a client certificate from that CA; Eligibility replicates through it with
/// its own certificate, trusting the Catalog's server certificate through the same private CA. A caller
/// without a certificate, or with one from another CA, does not get past the handshake.
/// </summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly string directory = Hosts.NewDirectory("mtls-tests");
    private CatalogHost catalog = null!;
    private int probePort;

    private string Pem(string name) => Path.Combine(directory, name);

    public async Task InitializeAsync()
    {
        using var ca = NewAuthority("CN=plattform-ca.test");
        await WriteAsync("ca.crt", ca.ExportCertificatePem());
        await WriteIssuedAsync(ca, "CN=catalog.test", "catalog", server: true);
        await WriteIssuedAsync(ca, "CN=eligibility.test", "eligibility", server: false);
        using var rogue = NewAuthority("CN=annan-ca.test");
        await WriteIssuedAsync(rogue, "CN=eligibility.test", "rogue", server: false);

        var url = $"https://127.0.0.1:{Hosts.FreePort()}";
        probePort = Hosts.FreePort();
        catalog = await CatalogHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Probes:Url"] = $"https://127.0.0.1:{probePort}",
            ["Kestrel:Endpoints:Probes:Protocols"] = "Http1AndHttp2",
            ["Kestrel:Endpoints:Probes:ClientCertificateMode"] = "NoCertificate",
            ["Kestrel:Endpoints:Probes:Certificate:Path"] = Pem("catalog.crt"),
            ["Kestrel:Endpoints:Probes:Certificate:KeyPath"] = Pem("catalog.key"),
            ["Health:ProbePort"] = probePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kestrel:Endpoints:Https:Url"] = url,
            ["Kestrel:Endpoints:Https:Certificate:Path"] = Pem("catalog.crt"),
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = Pem("catalog.key"),
            ["Transport:ClientCertificateAuthority"] = Pem("ca.crt"),
        });
    }

    public async Task DisposeAsync() => await catalog.DisposeAsync();

    [Fact]
    public async Task EligibilityReplicates_WithItsOwnCertificate_ThroughThePrivateCa()
    {
        Assert.StartsWith("https://", catalog.Address, StringComparison.Ordinal);
        await using var eligibility = await EligibilityHost.StartAsync(catalog, Path.Combine(directory, "state"), settings: new Dictionary<string, string?>
        {
            ["CatalogReplica:ClientCertificatePath"] = Pem("eligibility.crt"),
            ["CatalogReplica:ClientKeyPath"] = Pem("eligibility.key"),
            ["CatalogReplica:CatalogCertificateAuthority"] = Pem("ca.crt"),
        });
        Assert.Contains("2514", eligibility.Replica.Municipalities);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("rogue")]
    public async Task ACallerWithoutACertificateFromTheCa_IsRefusedAtTheHandshake(string? certificate)
    {
        // Refused by the transport (the TLS handshake, or the connection right after it under TLS 1.3), never answered.
        var ex = await Assert.ThrowsAsync<RpcException>(() => ListAsync(certificate));
        Assert.True(ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal, ex.Status.ToString());
        Assert.NotNull(ex.Status.DebugException);
        Assert.NotEmpty((await ListAsync("eligibility")).Interventions); // the control: the same call with the platform's certificate
    }

    /// <summary>
    /// The kubelet's probes carry no client certificate: the probes' own endpoint answers them (health paths only,
    /// over TLS) while the service's endpoint still refuses the same request at the handshake.
    /// </summary>
    [Fact]
    public async Task TheProbesEndpoint_AnswersHealthWithoutACertificate_AndNothingElse()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }; // as the kubelet: no verification, no certificate
        using var http = new HttpClient(handler);
        Assert.Equal("Healthy", await http.GetStringAsync($"https://127.0.0.1:{probePort}/health/ready"));
        Assert.Equal("Healthy", await http.GetStringAsync($"https://127.0.0.1:{probePort}/health/live"));
        using var api = await http.GetAsync($"https://127.0.0.1:{probePort}/v1/municipalities/2514/interventions");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync(catalog.Address.TrimEnd('/') + "/health/ready"));
    }

    private async Task<ListInterventionsResponse> ListAsync(string? certificate)
    {
        var handler = new SocketsHttpHandler();
        using var authority = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Pem("ca.crt")));
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) => server is X509Certificate2 s && MutualTls.ChainsTo(s, authority);
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(Pem(certificate + ".crt"), Pem(certificate + ".key"))];
        }

        using var channel = GrpcChannel.ForAddress(catalog.Address, new GrpcChannelOptions { HttpHandler = handler });
        var client = new CatalogService.CatalogServiceClient(Hosts.Authorized(channel, catalog.Token("2514", "catalog.read")));
        return await client.ListInterventionsAsync(new ListInterventionsRequest { Parent = "municipalities/2514" });
    }

    private static X509Certificate2 NewAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
    }

    private async Task WriteIssuedAsync(X509Certificate2 authority, string subject, string name, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(12));
        await WriteAsync(name + ".crt", issued.ExportCertificatePem());
        await WriteAsync(name + ".key", key.ExportPkcs8PrivateKeyPem());
    }

    private Task WriteAsync(string name, string pem) => File.WriteAllTextAsync(Pem(name), pem);
}

using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Suite;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// TLS from certificate files (as a Kubernetes secret mounts them): one HTTPS port where ALPN lets
/// gRPC (HTTP/2) and REST/JSON (HTTP/1.1) share it; a client that does not trust the certificate is
/// refused; outside Development the endpoint needs no plaintext opt-in.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string directory = Hosts.TempPath("tls-tests");
    private CatalogHost catalog = null!;
    private Microsoft.AspNetCore.Builder.WebApplication app = null!;
    private X509Certificate2 certificate = null!;
    private string address = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=eligibility.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(directory, "tls.crt"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory, "tls.key"), key.ExportPkcs8PrivateKeyPem());

        catalog = await CatalogHost.StartAsync();
        address = $"https://127.0.0.1:{Hosts.FreePort()}";
        var configuration = new SuiteConfiguration(catalog.Auth.SigningKey, directory)
        {
            CatalogAddress = catalog.Address,
            ReplicaToken = catalog.Token("0000", "catalog.replicate"),
            QuickReplication = true,
        }.With(new Dictionary<string, string?>
        {
            // Production, with what it asks for: a shared key allowed explicitly, a page-token key, TLS on the endpoint.
            ["Environment"] = "Production",
            ["Auth:AllowSharedKey"] = "true",
            ["PageTokens:Key"] = Hosting.Auth.TokenIssuer.NewKey(),
            ["Kestrel:Endpoints:Https:Url"] = address,
            ["Kestrel:Endpoints:Https:Protocols"] = "Http1AndHttp2",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = Path.Combine(directory, "tls.crt"),
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = Path.Combine(directory, "tls.key"),
            ["CatalogReplica:AllowStaticToken"] = "true",
        });
        app = SuiteServices.Named("Eligibility").Build(configuration, address, minimumLogLevel: LogLevel.Warning);
        await app.StartAsync();
        await Hosts.WaitForSeedsAsync(app.Services.GetService(typeof(CatalogReplica.CatalogReplica)) as CatalogReplica.CatalogReplica ?? throw new InvalidOperationException());
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await catalog.DisposeAsync();
        certificate.Dispose();
    }

    private HttpClientHandler Trusting() => new()
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
            errors == SslPolicyErrors.None || (cert is not null && cert.GetCertHashString() == certificate.GetCertHashString()),
    };

    [Fact]
    public async Task OneHttpsPort_ServesGrpcOverHttp2_AndRestOverHttp1()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(address, new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = Trusting() });
        var client = new EligibilityService.EligibilityServiceClient(Hosts.Authorized(channel, catalog.Token("2514", "eligibility.check")));
        var answer = await client.CheckEligibilityAsync(new CheckEligibilityRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            AsOf = D.Of(2025, 10, 1),
            Facts = new Facts { StatedAge = 35 },
        });
        Assert.NotEqual(Outcome.Unspecified, answer.Outcome);

        using var http = new HttpClient(Trusting()) { BaseAddress = new Uri(address), DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var openApi = await http.GetAsync("/openapi/eligibility.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Equal(HttpVersion.Version11, openApi.Version);
    }

    [Fact]
    public async Task AClientThatDoesNotTrustTheCertificate_IsRefused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/openapi/eligibility.json"));
    }
}

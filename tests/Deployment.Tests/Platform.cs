using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Npgsql;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// What the platform team provides beside the manifests, made fresh for one run: the CA and each service's TLS
/// certificate, every Secret the manifests reference (database connection strings to databases of their own on the
/// run's PostgreSQL, page-token and audit keys, client secrets), the CA ConfigMap, and the region's identity provider
/// (node-oidc-provider over HTTPS) with the services' clients and a caller per kommun. Secrets are made by their
/// name's convention; a name it does not know fails the run (the manifests asked for something no platform makes).
/// </summary>
public sealed class Platform : IAsyncDisposable
{
    public const string IdentityHost = "login.socialtjanst.test";
    public const int IdentityPort = 9443;
    private readonly string folder;
    private readonly X509Certificate2 ca;
    private readonly string postgres;
    private readonly Dictionary<string, Dictionary<string, byte[]>> secrets = new(StringComparer.Ordinal);
    private readonly List<(string Id, string Secret, string Kommun, string Scope)> clients = [];
    private readonly List<string> databases = [];
    private Process? identityProvider;
    private ServiceProxy? database;

    public Platform(string folder, string postgres)
    {
        this.folder = folder;
        this.postgres = postgres;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=socialtjanst-ci-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    public X509Certificate2 Authority => ca;

    /// <summary>The caller of a kommun: its client at the identity provider, with every scope a kommun's systems use.</summary>
    public const string KommunScopes = "catalog.read catalog.write eligibility.check decisions.read followup.read followup.write documentation.use audit.read";

    public IReadOnlyDictionary<string, string> ConfigMapData(string name) => name == "socialtjanst-ca"
        ? new Dictionary<string, string> { ["ca.crt"] = ca.ExportCertificatePem() }
        : throw new InvalidOperationException($"The platform makes no ConfigMap {name}.");

    /// <summary>A Secret's keys and values, made on first use by its name's convention.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> SecretAsync(string name)
    {
        if (secrets.TryGetValue(name, out var made))
        {
            return made;
        }

        var service = name.Replace("socialtjanst-", "", StringComparison.Ordinal);
        Dictionary<string, byte[]> data;
        if (service.EndsWith("-tls", StringComparison.Ordinal))
        {
            var (crt, key) = Leaf(service[..^4], [service[..^4], service[..^4] + "-grpc"], []);
            data = new() { ["tls.crt"] = crt, ["tls.key"] = key };
        }
        else if (service.EndsWith("-database", StringComparison.Ordinal))
        {
            data = new() { ["connection-string"] = System.Text.Encoding.UTF8.GetBytes(await DatabaseAsync(service[..^9])) };
        }
        else if (service.EndsWith("-page-tokens", StringComparison.Ordinal) || service == "audit")
        {
            data = new() { [service == "audit" ? "subject-key" : "key"] = System.Text.Encoding.UTF8.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) };
        }
        else if (service.EndsWith("-client", StringComparison.Ordinal))
        {
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            clients.Add(("socialtjanst-" + service[..^7], secret, "0000", "catalog.replicate"));
            data = new() { ["secret"] = System.Text.Encoding.UTF8.GetBytes(secret) };
        }
        else
        {
            throw new InvalidOperationException($"The platform makes no Secret {name}.");
        }

        secrets[name] = data;
        return data;
    }

    /// <summary>A database of its own for a service, created as a DBA would, reached by the pods through the node.</summary>
    private async Task<string> DatabaseAsync(string service)
    {
        var name = $"socialtjanst_run{Environment.ProcessId}_{service}";
        await using (var connection = new NpgsqlConnection(Maintenance))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }

        databases.Add(name);
        var server = new NpgsqlConnectionStringBuilder(postgres);
        return new NpgsqlConnectionStringBuilder(postgres) { Host = PodNetwork.Node, Port = server.Port, Database = name }.ConnectionString;
    }

    /// <summary>The server's maintenance database, where a DBA creates and drops databases.</summary>
    private string Maintenance => new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false }.ConnectionString;

    /// <summary>PostgreSQL on loopback, reached from the pod network at the node's address (as a managed server would be).</summary>
    public void ServeDatabase()
    {
        var server = new NpgsqlConnectionStringBuilder(postgres);
        var target = new IPEndPoint(IPAddress.Loopback, server.Port);
        database = new ServiceProxy(new IPEndPoint(IPAddress.Parse(PodNetwork.Node), server.Port), () => [target]);
    }

    /// <summary>Adds a kommun's caller (its systems' client) at the identity provider; its secret is returned.</summary>
    public string AddKommunClient(string kommun)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        clients.Add(("kommun-" + kommun, secret, kommun, KommunScopes));
        return secret;
    }

    /// <summary>Starts the identity provider on the node's address with every client made so far.</summary>
    public async Task StartIdentityProviderAsync(string repository, string audience)
    {
        var (crt, key) = Leaf("identity", [IdentityHost], [IPAddress.Parse(PodNetwork.Node)]);
        var tls = Directory.CreateDirectory(Path.Combine(folder, "identity")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(tls, "tls.crt"), crt);
        await File.WriteAllBytesAsync(Path.Combine(tls, "tls.key"), key);
        var start = new ProcessStartInfo("node", "provider.mjs")
        {
            WorkingDirectory = Path.Combine(repository, "tests", "OidcProvider"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ISSUER"] = $"https://{IdentityHost}:{IdentityPort}";
        start.Environment["AUDIENCE"] = audience;
        start.Environment["HOST"] = PodNetwork.Node;
        start.Environment["PORT"] = IdentityPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TLS_CERT"] = Path.Combine(tls, "tls.crt");
        start.Environment["TLS_KEY"] = Path.Combine(tls, "tls.key");
        start.Environment["CLIENTS"] = JsonSerializer.Serialize(clients.Select(c => new Dictionary<string, string>
        {
            ["client_id"] = c.Id, ["client_secret"] = c.Secret, ["kommun"] = c.Kommun, ["scope"] = c.Scope,
        }));
        identityProvider = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        identityProvider.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("ready ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        identityProvider.ErrorDataReceived += (_, _) => { };
        identityProvider.BeginOutputReadLine();
        identityProvider.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A token for a kommun's caller, from the identity provider's token endpoint (client credentials).</summary>
    public async Task<string> TokenAsync(string kommun)
    {
        var client = clients.Single(c => c.Id == "kommun-" + kommun);
        using var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && Trusted(certificate);
        using var http = new HttpClient(handler);
        using var response = await http.PostAsync($"https://{PodNetwork.Node}:{IdentityPort}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.Id, ["client_secret"] = client.Secret, ["scope"] = client.Scope,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>The client certificate of the kommuner's callers (portals, records systems), for services that require one.</summary>
    public X509Certificate2 CallerCertificate => callerCertificate ??= IssueCaller();

    private X509Certificate2? callerCertificate;

    private X509Certificate2 IssueCaller()
    {
        var (crt, key) = Leaf("caller", ["caller"], []);
        return X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(crt), System.Text.Encoding.ASCII.GetString(key));
    }

    /// <summary>Whether a certificate chains to the run's CA.</summary>
    public bool Trusted(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private (byte[] Crt, byte[] Key) Leaf(string name, string[] dnsNames, IPAddress[] addresses)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames.SelectMany(n => new[] { n, $"{n}.socialtjanst.svc", $"{n}.socialtjanst.svc.cluster.local" }).Distinct())
        {
            san.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(6), RandomNumberGenerator.GetBytes(16));
        return (System.Text.Encoding.ASCII.GetBytes(issued.ExportCertificatePem()), System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
    }

    public async ValueTask DisposeAsync()
    {
        if (identityProvider is { } idp)
        {
            idp.Kill(entireProcessTree: true);
            idp.Dispose();
        }

        if (database is { } proxy)
        {
            await proxy.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(Maintenance);
        await connection.OpenAsync();
        foreach (var name in databases)
        {
            await using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }

        callerCertificate?.Dispose();
        ca.Dispose();
    }
}

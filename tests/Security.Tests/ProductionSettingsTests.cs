using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Socialtjanst.Catalog;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.Security.Tests;

/// <summary>Outside Development a service does not start on a development default, and says which setting.</summary>
public sealed class ProductionSettingsTests
{
    private static readonly string Key = TokenIssuer.NewKey();

    private static readonly string PageKey = TokenIssuer.NewKey();

    private static Dictionary<string, string?> Settings(string environment, params (string Key, string? Value)[] more)
    {
        var directory = Hosts.TempPath("production-settings");
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["Environment"] = environment,
            ["Auth:SigningKey"] = Key,
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "catalog.db")}",
            ["Catalog:Seed:Enabled"] = "true",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Microsoft.AspNetCore.Builder.WebApplication Build(string url, Dictionary<string, string?> settings) =>
        ServiceHost.Build("Catalog", url, settings, b => b.AddCatalog(), a => a.MapCatalog(), LogLevel.Warning);

    [Fact]
    public void Production_WithTheDevelopmentDefaults_RefusesToStart_NamingEverySetting_NeverAValue()
    {
        var refused = Assert.Throws<RefusedStartException>(() => Build("http://0.0.0.0:0", Settings("Production")));
        Assert.Equal(["Auth:SigningKey", "Kestrel endpoints / ASPNETCORE_URLS", "PageTokens:Key", "Catalog:Seed:Enabled"], refused.Settings);
        Assert.DoesNotContain(Key, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// What Kestrel will bind, as Kestrel decides it: with endpoints configured it ignores ASPNETCORE_URLS and
    /// ASPNETCORE_HTTP_PORTS (the image's and the base image's), so a TLS-only pod is not refused for them; without
    /// endpoints an HTTP port is plaintext on every interface.
    /// </summary>
    [Theory]
    [InlineData("https://+:8443", "http://+:8080", "", "")]
    [InlineData("https://+:8443", "", "8080", "")]
    [InlineData("", "", "8080", "http://*:8080")]
    [InlineData("", "http://+:8080;https://+:8443", "8080", "http://+:8080")]
    [InlineData("http://0.0.0.0:8081", "https://+:8443", "", "http://0.0.0.0:8081")]
    public void PlaintextAddresses_AreWhatKestrelBinds(string endpoint, string urls, string httpPorts, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = endpoint.Length > 0 ? endpoint : null,
            ["urls"] = urls.Length > 0 ? urls : null,
            ["http_ports"] = httpPorts.Length > 0 ? httpPorts : null,
        }).Build();
        Assert.Equal(expected.Length > 0 ? [expected] : [], ProductionSettings.PlaintextAddresses(configuration));
    }

    [Fact]
    public async Task Production_WithEachDefaultDeliberatelyAccepted_Starts()
    {
        await using var app = Build("http://0.0.0.0:0", Settings("Production",
            ("Auth:AllowSharedKey", "true"), ("Transport:AllowPlaintext", "true"), ("Catalog:Seed:AllowOutsideDevelopment", "true"), ("PageTokens:Key", PageKey)));
        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public async Task Staging_OnLoopbackWithoutSeedImport_AsksOnlyForTheKeyOptIn()
    {
        var refused = Assert.Throws<RefusedStartException>(() => Build("http://127.0.0.1:0", Settings("Staging", ("Catalog:Seed:Enabled", "false"), ("PageTokens:Key", PageKey))));
        Assert.Equal(["Auth:SigningKey"], refused.Settings);
        await using var app = Build("http://127.0.0.1:0", Settings("Staging", ("Catalog:Seed:Enabled", "false"), ("Auth:AllowSharedKey", "true"), ("PageTokens:Key", PageKey)));
    }

    [Fact]
    public void Development_AllowsTheDefaults_ButNoServiceStartsWithoutItsDatabase()
    {
        using var app = Build("http://0.0.0.0:0", Settings("Development"));
        var refused = Assert.Throws<RefusedStartException>(() => Build("http://127.0.0.1:0", Settings("Development", ("Database:ConnectionString", ""))));
        Assert.Equal(["Database:ConnectionString"], refused.Settings);
    }
}

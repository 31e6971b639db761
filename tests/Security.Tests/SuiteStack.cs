using System.Collections.Concurrent;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Suite;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// All four services in this process, each on its own loopback port over HTTP/2 with its own
/// database (SQLite files, or SQL Server databases when a connection string is given), the seed
/// catalogs loaded and the three services replicating from the Catalog. Every log line any of
/// them writes is kept in <see cref="Logs"/>, so tests can prove what never reaches a log.
/// </summary>
public sealed class SuiteStack : IAsyncDisposable
{
    public static readonly string[] AllScopes =
        ["catalog.read", "catalog.write", "eligibility.check", "decisions.read", "documentation.use", "followup.read", "followup.write", "audit.read"];

    private readonly List<WebApplication> apps = [];
    private readonly List<GrpcChannel> channels = [];
    private readonly string directory = Hosts.TempPath("suite-stack");
    private readonly string? sqlServer;

    private SuiteStack(string? sqlServer)
    {
        this.sqlServer = sqlServer;
        Auth = new AuthOptions { SigningKey = TokenIssuer.NewKey() };
        Issuer = new TokenIssuer(Auth);
    }

    public AuthOptions Auth { get; }

    public TokenIssuer Issuer { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    public IReadOnlyDictionary<string, string> Addresses => addresses;

    private readonly Dictionary<string, string> addresses = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> restAddresses = new(StringComparer.Ordinal);

    /// <summary>Each service's REST/JSON endpoint (HTTP/1.1 beside its gRPC port).</summary>
    public IReadOnlyDictionary<string, string> RestAddresses => restAddresses;

    /// <summary>An HTTP client on one service's REST face whose every request carries the token (none when null).</summary>
    public HttpClient Rest(string service, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(restAddresses[service]) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public IServiceProvider Services(string service) => apps[Index(service)].Services;

    private static int Index(string service) => Array.IndexOf(Names, SuiteServices.Named(service).Name);

    /// <summary>The suite's services, from the one list the embedded default runs (the Catalog first).</summary>
    public static readonly string[] Names = [.. SuiteServices.All.Select(s => s.Name)];

    /// <param name="sqlServer">A SQL Server connection string (a database per service is created), or null for SQLite.</param>
    /// <param name="settings">Settings every service gets on top of the defaults (e.g. call limits).</param>
    public static async Task<SuiteStack> StartAsync(string? sqlServer = null, IDictionary<string, string?>? settings = null, LogLevel minimumLevel = LogLevel.Information)
    {
        var stack = new SuiteStack(sqlServer);
        Directory.CreateDirectory(stack.directory);
        var replicaToken = stack.Issuer.Issue("0000", "suite-services", ["catalog.replicate"], DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        foreach (var name in Names)
        {
            // A pre-chosen port can be taken by another test process between the check and the bind: choose again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await stack.StartServiceAsync(name, replicaToken, settings, minimumLevel);
                    break;
                }
                catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < 5)
                {
                }
            }
        }

        foreach (var name in Names.Skip(1))
        {
            var replica = stack.Services(name).GetRequiredService<CatalogReplica.CatalogReplica>();
            await Hosts.WaitForSeedsAsync(replica, TimeSpan.FromSeconds(30));
        }

        return stack;
    }

    private async Task StartServiceAsync(string name, string replicaToken, IDictionary<string, string?>? settings, LogLevel minimumLevel)
    {
        var address = $"http://127.0.0.1:{Hosts.FreePort()}";
        var restAddress = $"http://127.0.0.1:{Hosts.FreePort()}";
        var configuration = new SuiteConfiguration(Auth.SigningKey, directory)
        {
            Database = sqlServer is null ? SuiteDatabase.SqliteFiles : SuiteDatabase.SqlServer(sqlServer, databasePrefix),
            CatalogAddress = addresses.GetValueOrDefault("Catalog", ""),
            ReplicaToken = replicaToken,
            QuickReplication = true,
            Unlimited = true,
        }.With(settings);
        var app = SuiteServices.Named(name).Build(configuration, address, restAddress, minimumLevel, b =>
        {
            b.Logging.AddProvider(new CapturingLoggerProvider(Logs));
            b.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
        });
        try
        {
            await app.StartAsync();
        }
        catch (IOException)
        {
            await app.DisposeAsync();
            throw;
        }

        apps.Add(app);
        addresses[name] = address;
        restAddresses[name] = restAddress;
    }

    // The SQL Server databases of this stack: one per service, dropped with it.
    private readonly string databasePrefix = $"socialtjanst_test_{Guid.NewGuid():N}";

    public string Token(string code, string subject, params string[] scopes) =>
        Issuer.Issue(code, subject, scopes.Length > 0 ? scopes : AllScopes, DateTimeOffset.UtcNow, TimeSpan.FromHours(2));

    /// <summary>A channel to one service; disposed with the stack.</summary>
    public GrpcChannel Channel(string service)
    {
        var channel = GrpcChannel.ForAddress(addresses[service], new GrpcChannelOptions { MaxRetryAttempts = 0 });
        lock (channels)
        {
            channels.Add(channel);
        }

        return channel;
    }

    /// <summary>A call invoker on one service whose every call carries the token (none when null).</summary>
    public CallInvoker Invoker(string service, string? token) => Channel(service).Intercept(metadata =>
    {
        if (token is not null)
        {
            metadata.Add("Authorization", "Bearer " + token);
        }

        return metadata;
    });

    private readonly HashSet<WebApplication> stopped = [];

    /// <summary>Stops one service as its host would on SIGTERM (drain delay, then in-flight calls finish).</summary>
    public async Task StopAsync(string service)
    {
        var app = apps[Index(service)];
        lock (stopped)
        {
            stopped.Add(app);
        }

        await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        foreach (var app in Enumerable.Reverse(apps))
        {
            if (!stopped.Contains(app))
            {
                await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }

            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        SqlConnection.ClearAllPools();
        foreach (var database in sqlServer is null ? [] : Names.Select(SuiteDatabase.SqlServer(sqlServer, databasePrefix).DatabaseName))
        {
            try
            {
                await using var master = new SqlConnection(new SqlConnectionStringBuilder(sqlServer) { InitialCatalog = "master" }.ConnectionString);
                await master.OpenAsync();
                await using var drop = master.CreateCommand();
                drop.CommandText = $"IF DB_ID('{database}') IS NOT NULL BEGIN ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]; END";
                await drop.ExecuteNonQueryAsync();
            }
            catch (SqlException)
            {
                // Best effort: a leftover test database is harmless.
            }
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Keeps every formatted log line (with its exception's text, if any) in memory.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

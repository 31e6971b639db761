using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace Socialtjanst.TestSupport;

/// <summary>What the in-process test hosts share: authorized channels, stopping, waiting.</summary>
public static class Hosts
{
    // Every folder and file the tests make lives under one folder per test process, deleted when the process ends (its
    // hosts are stopped by then; what the system will not let go of is left to its temporary folder).
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "socialtjanst-tests", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        };
        return root;
    });

    /// <summary>A new, empty folder under the test process's temporary folder, named by its purpose.</summary>
    public static string NewDirectory(string purpose)
    {
        var directory = TempPath(purpose);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>A path nothing uses yet under the test process's temporary folder (deleted when the process ends), named by its purpose.</summary>
    public static string TempPath(string purpose, string extension = "") => Path.Combine(Root.Value, $"{purpose}-{Guid.NewGuid():N}{extension}");

    /// <summary>The checkout the tests run from (where Socialtjanst.slnx is).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Socialtjanst.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Not inside the repository.");
    }

    /// <summary>
    /// A loopback port nothing listens on now, chosen at random in 20 000-31 999: below the ports Linux (32 768 and up),
    /// Windows and macOS (49 152 and up) give outgoing connections. A port the system chose (port 0) is such an ephemeral
    /// port, and under a busy test run a client's connection took it between this check and the server's bind.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 100)
            {
            }
        }
    }

    /// <summary>Calls on the channel that carry the bearer token.</summary>
    public static CallInvoker Authorized(GrpcChannel channel, string token) => channel.Intercept(m =>
    {
        m.Add("Authorization", "Bearer " + token);
        return m;
    });

    /// <summary>Closes the channels, stops the app as its host would and lets go of its SQLite files.</summary>
    public static async Task StopAsync(WebApplication app, List<GrpcChannel> channels)
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        channels.Clear();
        await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Waits until the replica holds every seeded kommun's catalog (Kalix, Alingsås, Exempelkommun).</summary>
    public static async Task WaitForSeedsAsync(CatalogReplica.CatalogReplica replica, TimeSpan? timeout = null)
    {
        foreach (var code in new[] { "2514", "1489", "9999" })
        {
            await replica.WaitForRevisionAsync(code, 1, timeout ?? TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>The stream's next message; fails the test when the stream ends or nothing comes within 10 s.</summary>
    public static async Task<T> NextAsync<T>(IAsyncStreamReader<T> stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        if (!await stream.MoveNext(timeout.Token))
        {
            throw new InvalidOperationException("The stream ended.");
        }

        return stream.Current;
    }

    /// <summary>Polls until the condition holds; fails the test after the timeout (20 s).</summary>
    public static async Task WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(50);
        }
    }
}

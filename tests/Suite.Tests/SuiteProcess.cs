using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Socialtjanst.Suite.Tests;

/// <summary>
/// The real embedded default, started as its own process exactly as the README starts it, on free
/// loopback ports and a fresh data folder. Tests talk to it over HTTP/2 like any client.
/// </summary>
public sealed class SuiteProcess : IAsyncLifetime
{
    private Process process = new();
    private SuiteProcess? databasesOf;

    /// <summary>A second suite process over the first one's databases (and its signing key): a second replica of every service.</summary>
    public static SuiteProcess SharingDatabasesWith(SuiteProcess first) => new() { databasesOf = first, PostgreSql = first.PostgreSql };

    /// <summary>A PostgreSQL server's connection string: every service's database there (--PostgreSql), not in SQLite files.</summary>
    public string? PostgreSql { get; init; }
    private TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "suite-e2e-" + Guid.NewGuid().ToString("N"));

    public int CatalogPort { get; private set; } = FreePort();

    public string CatalogAddress => $"http://127.0.0.1:{CatalogPort}";

    public int EligibilityPort { get; private set; } = FreePort();

    public int EligibilityRestPort { get; private set; } = FreePort();

    public string EligibilityAddress => $"http://127.0.0.1:{EligibilityPort}";

    public string EligibilityRestAddress => $"http://127.0.0.1:{EligibilityRestPort}";

    /// <summary>The Catalog's REST face (the workbench).</summary>
    public string CatalogRestAddress => $"http://127.0.0.1:{otherRestPorts.Catalog}";

    public int FollowUpPort { get; private set; } = FreePort();

    /// <summary>The REST ports of the Catalog, Documentation and FollowUp (every service has one; these tests call them little).</summary>
    private (int Catalog, int Documentation, int FollowUp) otherRestPorts = (FreePort(), FreePort(), FreePort());

    public string DocumentationRestAddress => $"http://127.0.0.1:{otherRestPorts.Documentation}";

    public string FollowUpRestAddress => $"http://127.0.0.1:{otherRestPorts.FollowUp}";

    public int DocumentationPort { get; private set; } = FreePort();

    public string DocumentationAddress => $"http://127.0.0.1:{DocumentationPort}";

    public string FollowUpAddress => $"http://127.0.0.1:{FollowUpPort}";

    public IReadOnlyDictionary<string, string> Tokens { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        // A free port is free when picked, not when the suite binds it: another test process may take it
        // in between (the suite then exits before it is ready). Then the start is tried on new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartProcessAsync();
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                process.Dispose();
                process = new Process();
                ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                (CatalogPort, EligibilityPort, EligibilityRestPort, FollowUpPort, DocumentationPort) = (FreePort(), FreePort(), FreePort(), FreePort(), FreePort());
                otherRestPorts = (FreePort(), FreePort(), FreePort());
            }
        }

        Tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "dev-tokens.json")))!;
    }

    /// <summary>Kills the suite's process outright (SIGKILL: no drain, no flush) and starts it again
    /// on the same ports and data folder.</summary>
    public async Task KillAndRestartAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = new Process();
        ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartProcessAsync();
    }

    /// <summary>Stops the suite's process as Kubernetes stops a pod (SIGTERM: drain, flush), waits for it to end, and starts
    /// it again on the same ports and data folder. Returns how long the process took to end.</summary>
    public async Task<TimeSpan> TerminateAndRestartAsync()
    {
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await process.WaitForExitAsync(patience.Token);
        }

        var took = stopping.Elapsed;
        process.Dispose();
        process = new Process();
        ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartProcessAsync();
        return took;
    }

    private async Task StartProcessAsync()
    {
        var suiteDll = SuiteDll;
        if (databasesOf is not null)
        {
            Directory.CreateDirectory(DataDirectory);
            File.Copy(Path.Combine(databasesOf.DataDirectory, "dev-signing-key"), Path.Combine(DataDirectory, "dev-signing-key"), overwrite: true);
        }

        process.StartInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                suiteDll, "--DataDirectory", DataDirectory,
                "--CatalogPort", CatalogPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--EligibilityPort", EligibilityPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--EligibilityRestPort", EligibilityRestPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--FollowUpPort", FollowUpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--DocumentationPort", DocumentationPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--CatalogRestPort", otherRestPorts.Catalog.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--DocumentationRestPort", otherRestPorts.Documentation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--FollowUpRestPort", otherRestPorts.FollowUp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (databasesOf is not null)
        {
            process.StartInfo.ArgumentList.Add("--DatabaseDirectory");
            process.StartInfo.ArgumentList.Add(databasesOf.DataDirectory);
        }

        if (PostgreSql is { Length: > 0 } postgres)
        {
            process.StartInfo.ArgumentList.Add("--PostgreSql");
            process.StartInfo.ArgumentList.Add(postgres);
        }

        var started = ready;
        var current = process;
        current.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("Suite ready", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        current.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 20)
            {
                errors.Enqueue(line); // the start's own error lines (test data holds no person)
            }
        };
        current.EnableRaisingEvents = true;
        current.Exited += (_, _) => started.TrySetException(new InvalidOperationException(
            $"The suite exited with code {current.ExitCode} before it was ready: {string.Join(" | ", errors)}"));
        if (!File.Exists(suiteDll))
        {
            throw new FileNotFoundException("Build the suite first.", suiteDll);
        }

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A call to a service that answers UNAVAILABLE until the kommun's catalog has arrived from the Catalog's stream:
    /// sent again every 100 ms for up to a minute (a loaded CI machine has needed more than ten seconds).
    /// </summary>
    public static async Task<T> OnceTheCatalogHasArrivedAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && attempt < 600)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The suite's entry assembly, built in the configuration the tests were built in.</summary>
    public static string SuiteDll => Path.Combine(RepositoryRoot(), "services", "Suite", "bin", BuildConfiguration(), "net10.0", "Socialtjanst.Suite.dll");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Socialtjanst.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from within the repository.");
    }
}

using System.Diagnostics;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// node-oidc-provider (MIT, from npm; tests/OidcProvider) run as its own process: a script of that folder with its
/// settings in the environment, ready when it prints "ready &lt;issuer&gt;". Without node or the installed module
/// the test is skipped, saying why (.ci/run installs both).
/// </summary>
public sealed class NodeOidcProvider(Process process, string issuer) : IDisposable
{
    public string Issuer => issuer;

    public static async Task<NodeOidcProvider> StartAsync(string script, IDictionary<string, string> environment)
    {
        var folder = Path.Combine(Hosts.RepositoryRoot(), "tests", "OidcProvider");
        Skip.IfNot(Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")), "npm install in tests/OidcProvider first (.ci/run does).");
        var node = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        node.Environment["PORT"] = Hosts.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            node.Environment[key] = value;
        }

        Process started;
        try
        {
            started = Process.Start(node)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SkipException("node is not installed.");
        }

        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        started.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("ready ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(e.Data["ready ".Length..]);
            }
        };
        started.ErrorDataReceived += (_, _) => { }; // its development warnings
        started.EnableRaisingEvents = true;
        started.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"node-oidc-provider exited with {started.ExitCode}"));
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return new NodeOidcProvider(started, await ready.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}

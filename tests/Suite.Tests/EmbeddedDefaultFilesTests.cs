using System.Diagnostics;

namespace Socialtjanst.Suite.Tests;

/// <summary>
/// The embedded default's data folder holds a signing key that mints tokens for any kommun: only its
/// owner may read it, and the embedded default never runs as production.
/// </summary>
public sealed class EmbeddedDefaultFilesTests(SuiteProcess suite) : IClassFixture<SuiteProcess>
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheKeyTheTokensAndEveryDatabase_AreTheOwnersAlone()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(suite.DataDirectory));
        var files = Directory.EnumerateFiles(suite.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("dev-signing-key", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("dev-tokens.json", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("workbench.key", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
        // A SQLite rollback journal lives only while a write runs (a lease renewal, an audit commit): one that
        // is gone by the time its mode is read is left out; every file still there must be the owner's alone.
        var modes = files.Select(f => (File: f, Mode: ModeOf(f))).Where(m => m.Mode is not null).ToList();
        Assert.Contains(modes, m => m.File.EndsWith(".db", StringComparison.Ordinal));
        Assert.All(modes, m => Assert.True((m.Mode!.Value & ~OwnerOnly) == 0, $"{Path.GetFileName(m.File)} is {m.Mode}"));
        Assert.All(Directory.EnumerateDirectories(suite.DataDirectory, "*", SearchOption.AllDirectories),
            d => Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(d)));
    }

    /// <summary>
    /// The workbench's development sign-in answers only with the key the suite wrote to its owner-only folder: a
    /// caller on this machine without it (another account, which cannot read the folder) gets nothing (issue 30).
    /// </summary>
    [Fact]
    public async Task TheWorkbenchsDevelopmentSignIn_AnswersOnlyWithTheKeyFromTheOwnersFolder()
    {
        var key = (await File.ReadAllTextAsync(Path.Combine(suite.DataDirectory, "workbench.key"))).Trim();
        Assert.Equal(64, key.Length);
        using var http = new HttpClient { BaseAddress = new Uri(suite.CatalogRestAddress) };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync(new Uri("/workbench/token/2514", UriKind.Relative), null)).StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/workbench/token/2514");
        keyed.Headers.Add("X-Workbench-Key", key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.SendAsync(keyed)).StatusCode);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode? ModeOf(string file)
    {
        try
        {
            return File.GetUnixFileMode(file);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Every environment but exactly Development is production-like, however it is named (issue 30's tries).</summary>
    [Theory]
    [InlineData("Production", null, null)]
    [InlineData("Staging", null, null)]
    [InlineData("Prod", null, null)]
    [InlineData("development", null, null)]
    [InlineData("Development", "Production", null)]
    [InlineData(null, null, "Production")]
    public async Task OutsideDevelopment_TheEmbeddedDefaultRefusesToStart_SayingWhy_AndWritesNothing(string? dotnet, string? aspnetcore, string? argument)
    {
        var data = Path.Combine(Path.GetTempPath(), "suite-prod-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { SuiteProcess.SuiteDll, "--DataDirectory", data }, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        if (dotnet is not null)
        {
            start.Environment["DOTNET_ENVIRONMENT"] = dotnet;
        }

        if (aspnetcore is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = aspnetcore;
        }

        if (argument is not null)
        {
            start.ArgumentList.Add("--environment");
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("runs only in Development", error, StringComparison.Ordinal);
        Assert.Contains((aspnetcore ?? argument ?? dotnet)!, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }
}

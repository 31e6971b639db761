using System.Diagnostics;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Suite.Tests;

/// <summary>
/// The client recipes of clients/README.md, run as a developer would run them, against the real suite: the Python
/// recipe (generated with Debian's protoc and grpc plugin, run with Debian's python3-grpcio) and `npm run example` (the
/// gRPC-web client generated from the protos, and a REST client generated from openapi/eligibility.json by
/// openapi-typescript). Each script checks its own answers (the eligible insatser, an error's BadRequest naming the
/// field) and exits non-zero otherwise. Where the tools are missing the test is skipped, except in CI (.ci/run sets SOCIALTJANST_CI=1), which
/// installs them (.ci/run) and where a missing tool is a failure.
/// </summary>
public sealed class ClientRecipeTests(SuiteProcess suite) : IClassFixture<SuiteProcess>
{
    private static readonly bool InCi = string.Equals(Environment.GetEnvironmentVariable("SOCIALTJANST_CI"), "1", StringComparison.Ordinal);

    [SkippableFact]
    public async Task ThePythonRecipe_RunsAsDocumented()
    {
        Require("/usr/bin/python3", "/usr/bin/protoc", "/usr/bin/grpc_python_plugin");
        Skip.IfNot(InCi || await RunAsync("/usr/bin/python3", ["-c", "import grpc, google.protobuf"], ".") is (0, _), "python3-grpcio / python3-protobuf not installed (CI installs them)");
        await CatalogHasArrivedAsync();
        var root = SuiteProcess.RepositoryRoot();
        var generated = await RunAsync("bash", [Path.Combine(root, "clients", "python", "generate.sh")], root);
        Assert.True(generated.Exit == 0, generated.Output);
        var run = await RunAsync("/usr/bin/python3", [Path.Combine(root, "clients", "python", "example.py")], root);
        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains("grpc error: INVALID_ARGUMENT [('facts.stated_age'", run.Output, StringComparison.Ordinal);
        Assert.Contains("rest error: 400 [('facts.statedage'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("200", run.Output.Split("grpc error:")[1].Split('\n')[0], StringComparison.Ordinal); // the value is not repeated
    }

    [SkippableFact]
    public async Task TheTypeScriptExample_RunsAgainstTheSuite()
    {
        var root = SuiteProcess.RepositoryRoot();
        var client = Path.Combine(root, "clients", "typescript");
        Require("/usr/bin/node");
        Skip.IfNot(InCi || Directory.Exists(Path.Combine(client, "node_modules", "openapi-fetch")), "npm ci has not run in clients/typescript (CI runs it)");
        await CatalogHasArrivedAsync();
        var run = await RunAsync("npm", ["run", "--silent", "example"], client);
        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains("grpc-web: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("rest error: 400 facts.statedage:", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("ok", run.Output.TrimEnd(), StringComparison.Ordinal);
    }

    private static void Require(params string[] tools)
    {
        var missing = tools.Where(t => !File.Exists(t)).ToList();
        if (missing.Count > 0)
        {
            Assert.False(InCi, "CI installs these but they are missing: " + string.Join(", ", missing));
            Skip.If(true, "not installed here: " + string.Join(", ", missing));
        }
    }

    private async Task CatalogHasArrivedAsync()
    {
        using var channel = GrpcChannel.ForAddress(suite.EligibilityAddress);
        var client = new EligibilityService.EligibilityServiceClient(channel);
        var headers = new Metadata { { "Authorization", "Bearer " + suite.Tokens["2514"] } };
        await SuiteProcess.OnceTheCatalogHasArrivedAsync(() => client.ListQuestionsAsync(new ListQuestionsRequest { Parent = "municipalities/2514" }, headers).ResponseAsync);
    }

    private async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments, string directory)
    {
        using var process = new Process();
        process.StartInfo = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            process.StartInfo.ArgumentList.Add(argument);
        }

        var environment = process.StartInfo.Environment;
        environment["SOCIALTJANST_TOKEN"] = suite.Tokens["2514"];
        environment["SOCIALTJANST_KOMMUN"] = "2514";
        environment["SOCIALTJANST_ELIGIBILITY"] = suite.EligibilityAddress.Replace("http://", "", StringComparison.Ordinal);
        environment["SOCIALTJANST_ELIGIBILITY_REST"] = suite.EligibilityRestAddress;
        environment["SOCIALTJANST_CATALOG_REST"] = suite.CatalogRestAddress;
        environment["SOCIALTJANST_DOCUMENTATION_REST"] = suite.DocumentationRestAddress;
        environment["SOCIALTJANST_FOLLOWUP_REST"] = suite.FollowUpRestAddress;
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}

using System.Globalization;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Socialtjanst.Bench.V1;

namespace Socialtjanst.Bench;

/// <summary>
/// What the pipeline every call passes through costs: the suite's echo (HTTP/2, bearer token, the interceptors,
/// telemetry, call limits; no work) against a bare grpc-dotnet echo (Kestrel and AddGrpc, nothing else) in the same
/// process and run, interleaved rounds. The bare echo is the limit any service of the suite can reach.
/// </summary>
public static class PipelineBench
{
    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        await using var bare = builder.Build();
        bare.MapGrpcService<EchoApi>();
        await bare.StartAsync();
        var bareAddress = bare.Urls.First();

        using var bareChannel = GrpcChannel.ForAddress(bareAddress, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        var bareEcho = new EchoService.EchoServiceClient(bareChannel);
        var suiteEcho = new EchoService.EchoServiceClient(host.Invoker(host.EligibilityAddress, "2514"));
        var request = new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[64]) };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare echo at {bareAddress}; the suite's echo in Eligibility's host (token, interceptors, telemetry, call limits)\n"));
        await Versus.RunAsync("the suite's echo", async ct => await bareEcho.EchoAsync(request, cancellationToken: ct), async ct => await suiteEcho.EchoAsync(request, cancellationToken: ct), concurrency, duration);
        await bare.StopAsync();
    }
}

using System.Diagnostics;
using Grpc.AspNetCore.Server;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Security.Tests.Faults;

/// <summary>
/// A watch stream of which nothing ever arrives, not even its response headers: what a replica sees when
/// the server never sends a frame of the stream (an open Kestrel issue; the cross-kommun run met it once,
/// SECURITY.md). The replica gives such a stream up within its call deadline and establishes another,
/// so its copy of the kommun's catalog does not wait on it.
/// </summary>
public sealed class SilentStreamTests : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> hosts = [];

    [Fact]
    public async Task AWatchWhoseHeadersNeverCome_IsGivenUp_AndEstablishedAgain()
    {
        var silent = new SilentWatches("municipalities/2514", count: 2);
        var catalog = await CatalogHost.StartAsync(add: b =>
        {
            b.Services.AddSingleton(silent);
            b.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<SilentWatches>());
        });
        hosts.Add(catalog);

        var deadline = TimeSpan.FromSeconds(1);
        var started = Stopwatch.StartNew();
        var documentation = await DocumentationHost.StartAsync(catalog, Hosts.TempPath("silent-stream"), new Dictionary<string, string?>
        {
            ["CatalogReplica:CallDeadline"] = deadline.ToString(),
        });
        hosts.Insert(0, documentation);

        // Started means every seeded kommun's copy arrived, Kalix's too, through a third stream.
        Assert.True(documentation.Replica.IsLive("2514"));
        Assert.Equal(2, silent.Withheld);
        // Each silent stream was cancelled by the replica (not left open beside the one that answered).
        await Hosts.WaitUntil(() => silent.GivenUp == 2, TimeSpan.FromSeconds(5));
        // Within the deadline each, and the short pause after an outage (QuickReplication), not a stream's lifetime.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"Kalix's copy took {started.Elapsed}");
        Assert.True(started.Elapsed >= 2 * deadline, $"the silent streams were not waited for ({started.Elapsed})");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>The first <c>count</c> watches of one kommun write nothing, not even headers, until their caller leaves.</summary>
    private sealed class SilentWatches(string parent, int count) : Interceptor
    {
        private int left = count;
        private int withheld;
        private int givenUp;

        public int Withheld => Volatile.Read(ref withheld);

        public int GivenUp => Volatile.Read(ref givenUp);

        public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            if (request is WatchCatalogRequest watch && watch.Parent == parent && Interlocked.Decrement(ref left) >= 0)
            {
                Interlocked.Increment(ref withheld);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref givenUp);
                }

                return;
            }

            await continuation(request, responseStream, context);
        }
    }
}

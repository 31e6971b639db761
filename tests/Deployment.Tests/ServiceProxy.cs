using System.Net;
using System.Net.Sockets;

namespace Socialtjanst.Deployment.Tests;

/// <summary>
/// A Service's address as kube-proxy serves it: each new TCP connection goes to one of the ready endpoints at that
/// moment, in turn (a long-lived HTTP/2 connection stays on its pod, as in a cluster). Also the node's way to a
/// server outside the pod network (PostgreSQL on loopback).
/// </summary>
public sealed class ServiceProxy : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly Func<IReadOnlyList<IPEndPoint>> endpoints;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int turn;

    public ServiceProxy(IPEndPoint address, Func<IReadOnlyList<IPEndPoint>> endpoints)
    {
        this.endpoints = endpoints;
        listener = new TcpListener(address);
        listener.Start(512);
        accepting = AcceptAsync();
    }

    public IPEndPoint Address => (IPEndPoint)listener.LocalEndpoint;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        {
            var ready = endpoints();
            if (ready.Count == 0)
            {
                return; // no endpoint: the connection is refused, as a Service without ready pods does
            }

            var target = ready[(int)((uint)Interlocked.Increment(ref turn) % (uint)ready.Count)];
            using var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(target, stop.Token);
                var a = client.GetStream();
                var b = upstream.GetStream();
                var done = await Task.WhenAny(a.CopyToAsync(b, stop.Token), b.CopyToAsync(a, stop.Token));
                await done.ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // a closed pod or client ends the connection, as in a cluster
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }
}

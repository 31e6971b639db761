using Grpc.Core;

namespace Socialtjanst.Bench;

/// <summary>
/// The bench's callers: every call carries the same bearer header, made once (a client interceptor built a new header
/// string and metadata per call: load-generator work that shares the two cores with the servers under test, and that the
/// bare echo's callers never paid). Calls that bring headers of their own keep them.
/// </summary>
public sealed class AuthorizedInvoker(CallInvoker inner, string token) : CallInvoker
{
    private readonly Metadata headers = new() { { "Authorization", "Bearer " + token } };

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        inner.BlockingUnaryCall(method, host, With(options), request);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        inner.AsyncUnaryCall(method, host, With(options), request);

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        inner.AsyncServerStreamingCall(method, host, With(options), request);

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        inner.AsyncClientStreamingCall(method, host, With(options));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        inner.AsyncDuplexStreamingCall(method, host, With(options));

    private CallOptions With(CallOptions options)
    {
        if (options.Headers is null)
        {
            return options.WithHeaders(headers);
        }

        var merged = new Metadata();
        foreach (var entry in headers.Concat(options.Headers))
        {
            merged.Add(entry);
        }

        return options.WithHeaders(merged);
    }
}

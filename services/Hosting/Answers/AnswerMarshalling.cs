using Grpc.Core;

namespace Socialtjanst.Hosting.Answers;

/// <summary>
/// A service binder that gives the methods answering <typeparamref name="TAnswer"/> a marshaller of the service's own
/// (<see cref="KeptMessages.Marshaller"/>) and binds every method otherwise as the generated code does: a service's own
/// bind method wraps the binder it is given in this and calls the generated one.
/// </summary>
public sealed class AnswerMarshalling<TAnswer>(ServiceBinderBase inner, Marshaller<TAnswer> answers) : ServiceBinderBase
    where TAnswer : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(With(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(With(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(With(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(With(method), handler);

    private Method<TRequest, TResponse> With<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        answers is Marshaller<TResponse> own ? new(method.Type, method.ServiceName, method.Name, method.RequestMarshaller, own) : method;
}

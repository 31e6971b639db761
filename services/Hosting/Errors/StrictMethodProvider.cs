using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace Socialtjanst.Hosting;

internal sealed class StrictMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var attribute = typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true);
        if (attribute is null)
        {
            return;
        }

        var bind = attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == attribute.BindMethodName && m.GetParameters() is [var first, _] && first.ParameterType == typeof(ServiceBinderBase));
        bind.Invoke(null, [new Binder(context, bind.GetParameters()[1].ParameterType), null]);
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, System.Type declaringType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Strict(method), Metadata(method.Name, [typeof(TRequest), typeof(ServerCallContext)], out var m),
                m.CreateDelegate<UnaryServerMethod<TService, TRequest, TResponse>>());

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Strict(method), Metadata(method.Name, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out var m),
                m.CreateDelegate<ServerStreamingServerMethod<TService, TRequest, TResponse>>());

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Strict(method), Metadata(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)], out var m),
                m.CreateDelegate<ClientStreamingServerMethod<TService, TRequest, TResponse>>());

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Strict(method), Metadata(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out var m),
                m.CreateDelegate<DuplexStreamingServerMethod<TService, TRequest, TResponse>>());

        private static Method<TRequest, TResponse> Strict<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
            new(method.Type, method.ServiceName, method.Name, StrictRequestParsing.Strict(method.RequestMarshaller), method.ResponseMarshaller);

        /// <summary>The implementing method (an override of the generated base's) and its attributes, as grpc-dotnet collects them.</summary>
        private List<object> Metadata(string name, System.Type[] parameters, out MethodInfo method)
        {
            method = Find(name, parameters) ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(method.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return metadata;
        }

        private MethodInfo? Find(string name, System.Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var candidate = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, parameters, null);
                if (candidate is null)
                {
                    return null;
                }

                if (candidate.IsVirtual && candidate.GetBaseDefinition().DeclaringType == declaringType)
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}

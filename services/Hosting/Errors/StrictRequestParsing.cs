using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting;

/// <summary>
/// Binds the gRPC services like grpc-dotnet's own method provider, except that a request body
/// that is not a valid protobuf message is answered INVALID_ARGUMENT (it is the caller's error),
/// where grpc-dotnet answers UNKNOWN and logs the parser's exception.
/// </summary>
public static class StrictRequestParsing
{
    /// <summary>Replaces the default method provider. Idempotent; call again after anything that calls AddGrpc.</summary>
    public static IServiceCollection UseStrictRequestParsing(this IServiceCollection services)
    {
        services.RemoveAll(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType?.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal) == true);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(StrictMethodProvider<>)));
        return services;
    }

    private static void RemoveAll(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        foreach (var descriptor in services.Where(match).ToList())
        {
            services.Remove(descriptor);
        }
    }

    internal static Marshaller<T> Strict<T>(Marshaller<T> marshaller)
    {
        var descriptor = typeof(T).GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as Google.Protobuf.Reflection.MessageDescriptor;
        return new(
            marshaller.ContextualSerializer,
            context =>
            {
                try
                {
                    return marshaller.ContextualDeserializer(context);
                }
                catch (InvalidProtocolBufferException)
                {
                    if (descriptor is not null && InvalidUtf8Locator.Find(descriptor, context.PayloadAsReadOnlySequence()) is { } field)
                    {
                        throw Problems.InvalidArgument(field, "Texten är inte giltig UTF-8.").ToRpcException(); // outside the interceptors
                    }

                    throw Problems.InvalidArgument("(meddelandet)", "Begäran är inte ett giltigt protobuf-meddelande för metoden.").ToRpcException();
                }
            });
    }
}

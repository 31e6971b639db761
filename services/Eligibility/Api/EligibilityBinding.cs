using Grpc.Core;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting.Answers;

namespace Socialtjanst.Eligibility.Api;

/// <summary>
/// Binds <see cref="EligibilityApi"/> as the generated code does, but for the checks' answers, which are written by
/// <see cref="CheckShapes.Marshaller"/> (an answer of a shape already written is written from its bytes). gRPC finds this
/// through the service's <see cref="BindServiceMethodAttribute"/>; JSON transcoding reads the contract's descriptor here.
/// </summary>
public static class EligibilityBinding
{
    /// <summary>The contract's service, as the generated class gives it (JSON transcoding and the OpenAPI read it).</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => EligibilityService.Descriptor;

    /// <summary>Binds the service; it takes the generated base, as grpc-dotnet's providers find the handlers as overrides of its methods.</summary>
    public static void BindService(ServiceBinderBase binder, EligibilityService.EligibilityServiceBase? service) =>
        EligibilityService.BindService(new AnswerMarshalling<CheckEligibilityResponse>(binder, CheckShapes.Marshaller), service!);
}

using Grpc.Core;
using Socialtjanst.Bench.V1;

namespace Socialtjanst.Bench;

/// <summary>The baseline: the whole pipeline (HTTP/2, auth, interceptors) and no work at all.</summary>
public sealed class EchoApi : EchoService.EchoServiceBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Payload = request.Payload });
}

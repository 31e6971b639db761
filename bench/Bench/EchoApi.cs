using Google.Protobuf;
using Grpc.Core;
using Socialtjanst.Bench.V1;

namespace Socialtjanst.Bench;

/// <summary>The baseline: the whole pipeline (HTTP/2, auth, interceptors) and no work at all.</summary>
public sealed class EchoApi : EchoService.EchoServiceBase
{
    // The answer of a given size, made once (a run asks for one size).
    private static ByteString answer = ByteString.Empty;

    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Payload = request.AnswerBytes > 0 ? Answer(request.AnswerBytes) : request.Payload });

    private static ByteString Answer(int size)
    {
        var (kept, length) = (answer, Math.Min(size, 1 << 20));
        return kept.Length == length ? kept : answer = ByteString.CopyFrom(new byte[length]);
    }
}

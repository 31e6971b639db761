using Google.Protobuf;
using Grpc.Core;
using Socialtjanst.Bench.V1;

namespace Socialtjanst.Bench;

/// <summary>The baseline: the whole pipeline (HTTP/2, auth, interceptors) and no work at all.</summary>
public sealed class EchoApi : EchoService.EchoServiceBase
{
    // The answer of a given size, made once (a run asks for one size).
    private static ByteString answer = ByteString.Empty;

    // The answer the bench kept before a run (KeepAnswer): in the servers' process only.
    private static ByteString kept = ByteString.Empty;

    /// <summary>Keeps the bytes that a call with <c>kept_answer</c> is answered with.</summary>
    public static void KeepAnswer(byte[] bytes) => kept = ByteString.CopyFrom(bytes);

    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Payload = request.KeptAnswer ? kept : request.AnswerBytes > 0 ? Answer(request.AnswerBytes) : request.Payload });

    private static ByteString Answer(int size)
    {
        var (made, length) = (answer, Math.Min(size, 1 << 20));
        return made.Length == length ? made : answer = ByteString.CopyFrom(new byte[length]);
    }
}

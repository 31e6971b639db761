using Google.Protobuf;
using Socialtjanst.Bench.V1;
using Socialtjanst.Documentation.V1;

namespace Socialtjanst.Bench;

/// <summary>Documentation's figure: reviewing a 2 KB note against an echo of the same payload.</summary>
public static class DocumentationBench
{
    public static async Task RunAsync(BenchHost host, int concurrency, TimeSpan duration)
    {
        var invoker = host.Invoker(host.DocumentationAddress, "2514");
        var echo = new EchoService.EchoServiceClient(invoker);
        var documentation = new DocumentationService.DocumentationServiceClient(invoker);
        var note = new System.Text.StringBuilder();
        while (System.Text.Encoding.UTF8.GetByteCount(note.ToString()) < 2048)
        {
            note.Append("Samtal med Anna Svensson (811218-9876) om sömn och skolgång; nås på 070-123 45 67. Mående vid start 3 av 5, plan följs upp om två veckor. ");
        }

        var review = new ReviewRecordRequest
        {
            Intervention = "municipalities/2514/interventions/bra-samtal",
            Text = note.ToString(),
            OnViolation = FindingAction.Redact,
        };
        var payload = new EchoRequest { Payload = ByteString.CopyFrom(new byte[review.CalculateSize()]) };
        await Versus.RunAsync("review 2 KB note", async ct => await echo.EchoAsync(payload, cancellationToken: ct),
            async ct => await documentation.ReviewRecordAsync(review, cancellationToken: ct), concurrency, duration);
    }
}

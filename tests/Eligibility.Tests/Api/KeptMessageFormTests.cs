using System.Buffers;
using CsCheck;
using Google.Protobuf;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting.Answers;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// The kept form of a gRPC answer's shape (KeptMessages.Form) through the marshaller that writes with it: whatever own
/// texts come, in whatever order of lengths, each answer written is exactly the message's own protobuf. Fails if bytes
/// kept for one length are written with a text of another, or a shape whose own text is not there once is kept.
/// </summary>
public sealed class KeptMessageFormTests
{
    private static CheckEligibilityResponse Answer(string id) => new()
    {
        Intervention = "municipalities/2514/interventions/bra-samtal",
        InterventionDisplayName = "BRA-samtal",
        Outcome = Outcome.Eligible,
        Explanation = "Alla villkor är uppfyllda.",
        CatalogRevision = 7,
        DecisionId = id,
        AsOf = new Type.V1.Date { Year = 2025, Month = 10, Day = 1 },
        Conditions = { new ConditionResult { Description = "Barnet är 7–17 år.", Status = ConditionStatus.Met, Source = "Kalix riktlinje 3.2", AffectsOutcome = true } },
    };

    private static byte[] Written(Marshaller<CheckEligibilityResponse> marshaller, CheckEligibilityResponse answer)
    {
        var context = new Context();
        marshaller.ContextualSerializer(answer, context);
        return context.Bytes;
    }

    [Fact]
    public void EveryAnswer_IsItsOwnProtobuf_WhateverItsOwnTexts()
    {
        // Ids of varying length (a kommun's counter grows a digit now and then), and texts of more than ASCII.
        var id = Gen.OneOf(Gen.String[Gen.Char["0123456789abcdef-"], 1, 40], Gen.String[1, 30]);
        id.Array[1, 30].Sample(ids =>
        {
            var form = new KeptMessages.Form();
            var marshaller = KeptMessages.Marshaller<CheckEligibilityResponse>(a => (form, a.DecisionId));
            foreach (var one in ids)
            {
                var answer = Answer(one);
                Assert.Equal(answer.ToByteArray(), Written(marshaller, answer));
            }
        });
    }

    [Fact]
    public void AFormIsKept_OnlyWhenTheOwnTextIsThereOnce_AndForEachLength()
    {
        var form = new KeptMessages.Form();
        var marshaller = KeptMessages.Marshaller<CheckEligibilityResponse>(a => (form, a.DecisionId));
        var twice = Answer("BRA-samtal"); // the display name holds it too
        Assert.Equal(twice.ToByteArray(), Written(marshaller, twice));
        Assert.False(form.IsKept);
        Assert.Equal(twice.ToByteArray(), Written(marshaller, twice));

        var once = Answer("0123456789abcdef0123-1");
        Assert.Equal(once.ToByteArray(), Written(marshaller, once));
        Assert.True(form.IsKept);
        foreach (var next in new[] { "0123456789abcdef0123-2", "0123456789abcdef0123-10", "0123456789abcdef0123-3", "0123456789abcdef0123-100", "", new string('a', 300) })
        {
            var answer = Answer(next);
            Assert.Equal(answer.ToByteArray(), Written(marshaller, answer));
        }
    }

    // A serialization context as grpc-dotnet gives a marshaller: the payload's length, then its bytes, then complete.
    private sealed class Context : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> writer = new();
        private int? length;
        private byte[]? whole;

        public byte[] Bytes => whole ?? writer.WrittenSpan.ToArray();

        public override void Complete(byte[] payload) => whole = payload;

        public override void SetPayloadLength(int payloadLength) => length = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => writer;

        public override void Complete() => Assert.Equal(length, writer.WrittenCount); // the length said is the length written
    }
}

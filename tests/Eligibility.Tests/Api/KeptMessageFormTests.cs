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

    private static byte[] Written(Marshaller<CheckEligibilityResponse> marshaller, CheckEligibilityResponse answer) => Write(marshaller, answer).Bytes;

    private static Context Write(Marshaller<CheckEligibilityResponse> marshaller, CheckEligibilityResponse answer)
    {
        var context = new Context();
        marshaller.ContextualSerializer(answer, context);
        return context;
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
        var (first, second) = (Write(marshaller, twice), Write(marshaller, twice));
        Assert.Equal(twice.ToByteArray(), first.Bytes);
        Assert.Equal(twice.ToByteArray(), second.Bytes);
        Assert.Equal((true, false), (first.FirstOfItsLength, second.FirstOfItsLength)); // looked at once, then written whole
        Assert.False(form.IsKept);

        // Bytes are kept at the first answer of each length of id, and only then; every other is written from them.
        var ids = new[] { "0123456789abcdef0123-1", "0123456789abcdef0123-2", "0123456789abcdef0123-10", "0123456789abcdef0123-11", "0123456789abcdef0123-3", "0123456789abcdef0123-100", "", new string('a', 300) };
        var firsts = new List<bool>();
        foreach (var id in ids)
        {
            var answer = Answer(id);
            var written = Write(marshaller, answer);
            Assert.Equal(answer.ToByteArray(), written.Bytes);
            firsts.Add(written.FirstOfItsLength);
        }

        Assert.True(form.IsKept);
        Assert.Equal([true, false, true, false, false, true, false, false], firsts);
    }

    // A serialization context as grpc-dotnet gives a marshaller: the payload's length, then its bytes, then complete.
    private sealed class Context : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> writer = new();
        private int? length;
        private byte[]? whole;

        public byte[] Bytes => whole ?? writer.WrittenSpan.ToArray();

        /// <summary>Written as one array: the way a form writes the first answer of an id's length (whose bytes it keeps, or marks not to).</summary>
        public bool FirstOfItsLength => whole is not null;

        public override void Complete(byte[] payload) => whole = payload;

        public override void SetPayloadLength(int payloadLength) => length = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => writer;

        public override void Complete() => Assert.Equal(length, writer.WrittenCount); // the length said is the length written
    }
}

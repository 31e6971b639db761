using Google.Protobuf;
using Socialtjanst.Eligibility.Api;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// A check answered over gRPC from the bytes of an earlier answer of the same shape (KeptMessages, CheckShapes): read as
/// the bytes that came, every answer is the message's own protobuf — the first answer's bytes with the call's own
/// decision id, which is the id the decision log keeps — and an answer of another shape is its own. Fails if a kept
/// answer goes out with another call's id or length, or shapes are mixed.
/// </summary>
public sealed class KeptAnswerTests(EligibilityStack stack) : IClassFixture<EligibilityStack>
{
    // The check as a caller that keeps the answer's bytes as they came.
    private static readonly Method<CheckEligibilityRequest, byte[]> RawCheck = new(
        MethodType.Unary,
        EligibilityService.Descriptor.FullName,
        nameof(EligibilityService.EligibilityServiceClient.CheckEligibility),
        Marshallers.Create<CheckEligibilityRequest>(r => r.ToByteArray(), CheckEligibilityRequest.Parser.ParseFrom),
        Marshallers.Create<byte[]>(b => b, b => b));

    private static CheckEligibilityRequest Check(int day, int age, bool consent) => new()
    {
        Intervention = "municipalities/2514/interventions/bra-samtal",
        AsOf = new Type.V1.Date { Year = 2025, Month = 10, Day = day },
        Facts = new Facts { StatedAge = age, RegisteredMunicipalityCode = "2514", GuardianConsent = consent, AttestedFacts = { "omsorgsperson-med-skadligt-bruk" } },
    };

    private async Task<(byte[] Bytes, CheckEligibilityResponse Answer)> CheckAsync(CheckEligibilityRequest request)
    {
        var invoker = Hosts.Authorized(stack.Eligibility.Channel(), stack.Catalog.Token("2514", EligibilityApi.CheckScope));
        var bytes = await invoker.AsyncUnaryCall(RawCheck, null, new CallOptions(), request);
        var answer = CheckEligibilityResponse.Parser.ParseFrom(bytes);
        // Whatever way it was written, the bytes are the message's own protobuf (as the contract's writer writes it).
        Assert.Equal(answer.ToByteArray(), bytes);
        return (bytes, answer);
    }

    private static byte[] WithoutId(byte[] bytes, string id)
    {
        var own = System.Text.Encoding.UTF8.GetBytes(id);
        var at = bytes.AsSpan().IndexOf(own);
        Assert.True(at >= 0);
        return [.. bytes[..(at - 1)], .. bytes[(at + own.Length)..]]; // the id and its length (one byte) taken out
    }

    [Fact]
    public async Task AnswersOfOneShape_AreTheFirstAnswersBytes_EachWithItsOwnDecisionId_TheOneTheLogKeeps()
    {
        var answers = new List<(byte[] Bytes, CheckEligibilityResponse Answer)>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await CheckAsync(Check(day: 6, age: 12, consent: true))); // a day no other test asks about: a shape not kept yet
        }

        var ids = answers.Select(a => a.Answer.DecisionId).ToList();
        Assert.Equal(20, ids.Distinct().Count());
        Assert.All(answers, a => Assert.Equal(Outcome.Eligible, a.Answer.Outcome));
        Assert.All(answers, a => Assert.Equal(WithoutId(answers[0].Bytes, ids[0]), WithoutId(a.Bytes, a.Answer.DecisionId)));
        Assert.True(CheckShapes.Of(answers[^1].Answer).Protobuf.IsKept);

        // The ids are the answers' own: the log holds each, with that answer's outcome.
        Assert.Equal(ids.Select(id => (id, Outcome.Eligible)), (await stack.LoggedAsync("2514", ids)).Select(l => (l.DecisionId, l.Outcome)));
    }

    [Fact]
    public async Task AnswersOfOtherShapes_AreTheirOwn()
    {
        var asked = new[] { (12, true, Outcome.Eligible), (40, false, Outcome.NotEligible), (12, false, Outcome.NotEligible), (40, false, Outcome.NotEligible), (12, true, Outcome.Eligible) };
        var first = new Dictionary<(int, bool), byte[]>();
        foreach (var (age, consent, outcome) in asked)
        {
            var (bytes, answer) = await CheckAsync(Check(day: 7, age, consent));
            Assert.Equal(outcome, answer.Outcome);
            var shape = WithoutId(bytes, answer.DecisionId);
            Assert.Equal(first.TryAdd((age, consent), shape) ? shape : first[(age, consent)], shape);
        }

        Assert.Equal(3, first.Values.Select(Convert.ToBase64String).Distinct().Count());
    }
}

using Google.Protobuf;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// The mistakes a gRPC caller can make, one test each, as RestFaceTests has them over REST: a body that is not
/// protobuf, text that is not UTF-8, an enum number the contract does not have, a value outside its range, a date that
/// does not exist — each INVALID_ARGUMENT with BadRequest naming the field, in Swedish, never the value. The JSON-only
/// mistakes (an unknown field name, a text where a number goes, two members of a oneof) cannot be written in protobuf's
/// binary form: a field there is a number and a wire type, and what a client built from a newer contract sends is kept
/// as an unknown field, as protobuf requires of every reader.
/// </summary>
public sealed class GrpcMistakeTests(EligibilityStack stack) : IClassFixture<EligibilityStack>
{
    private static readonly Method<byte[], byte[]> Raw = new(MethodType.Unary, "socialtjanst.eligibility.v1.EligibilityService", "ListDirectInterventions",
        Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    private async Task<BadRequest> RefusedAsync(byte[] body)
    {
        var invoker = Hosts.Authorized(stack.Eligibility.Channel(), stack.Catalog.Token("2514", "eligibility.check"));
        var ex = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(Raw, null, new CallOptions(), body).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        return ex.GetRpcStatus()!.GetDetail<BadRequest>()!;
    }

    private async Task<BadRequest> RefusedAsync(ListDirectInterventionsRequest request) => await RefusedAsync(request.ToByteArray());

    private static ListDirectInterventionsRequest Kalix(Facts facts) => new() { Parent = "municipalities/2514", AsOf = D.Of(2025, 10, 1), Facts = facts };

    [Fact]
    public async Task ABodyThatIsNotProtobuf_NamesTheMessage()
    {
        var bad = await RefusedAsync([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        Assert.Equal("(meddelandet)", Assert.Single(bad.FieldViolations).Field);
    }

    [Fact]
    public async Task TextThatIsNotUtf8_NamesItsField()
    {
        byte[] parent = [0x6D, 0xC3, 0x28, 0xFF]; // field 1 (parent), not UTF-8
        var bad = await RefusedAsync([0x0A, (byte)parent.Length, .. parent]);
        Assert.Equal("parent", Assert.Single(bad.FieldViolations).Field);
    }

    [Fact]
    public async Task AnEnumNumberNotInTheContract_NamesItsField()
    {
        var bad = await RefusedAsync(Kalix(new Facts { StatedAge = 30, UncertainFacts = { (UncertainFact)99 } }));
        var violation = Assert.Single(bad.FieldViolations);
        Assert.Equal("facts.uncertain_facts", violation.Field);
        Assert.DoesNotContain("99", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValueOutsideItsRange_NamesItsField_NeverTheValue()
    {
        var violation = Assert.Single((await RefusedAsync(Kalix(new Facts { StatedAge = 731 }))).FieldViolations);
        Assert.Equal("facts.stated_age", violation.Field);
        Assert.DoesNotContain("731", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADateThatDoesNotExist_NamesItsField()
    {
        var request = Kalix(new Facts { StatedAge = 30 });
        request.AsOf = new Type.V1.Date { Year = 2025, Month = 2, Day = 30 };
        Assert.Equal("as_of", Assert.Single((await RefusedAsync(request)).FieldViolations).Field);
    }

    [Fact]
    public async Task SeveralMistakes_AreNamedTogether()
    {
        var request = Kalix(new Facts { StatedAge = 731, RegisteredMunicipalityCode = "25x4" });
        var fields = (await RefusedAsync(request)).FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("facts.stated_age", fields);
        Assert.Contains("facts.registered_municipality_code", fields);
    }
}

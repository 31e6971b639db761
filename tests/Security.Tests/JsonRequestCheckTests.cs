using System.Text;
using System.Text.Json;
using CsCheck;
using Google.Protobuf;
using Socialtjanst.Eligibility.V1;
using Socialtjanst.Hosting.Rest;

namespace Socialtjanst.Security.Tests;

/// <summary>
/// The REST face's check of a body, in process: every mistake named where the request put it and as it spelt it,
/// never the value; and every body the contract's own JSON writer makes for a request passes (RestFaceTests sends
/// mistakes through a running service, both with a stated length and in chunks).
/// </summary>
public sealed class JsonRequestCheckTests
{
    private static IReadOnlyList<Errors.FieldProblem> Check(string json, Google.Protobuf.Reflection.MessageDescriptor? message = null, string prefix = "") =>
        JsonRequestCheck.Check(Encoding.UTF8.GetBytes(json), message ?? CheckEligibilityRequest.Descriptor, prefix);

    public static TheoryData<string, string, string> Mistakes() => new()
    {
        // the body, the field it must name, a word of the description
        { """{"facts":{"attestedFacts":["skadligt-bruk",3]}}""", "facts.attestedFacts[1]", "text" },
        { """{"facts":{"attested":{"skadligt-bruk":"ja"}}}""", "facts.attested[…]", "true eller false" },
        { """{"facts":{"uncertainFacts":["UNCERTAIN_FACT_AGE","AGE"]}}""", "facts.uncertainFacts[1]", "UNCERTAIN_FACT_IDENTITY" },
        { """{"facts":{"uncertainFacts":[2, 2.5]}}""", "facts.uncertainFacts[1]", "Okänt värde" },
        { """{"asOf":{"year":"20x5"}}""", "asOf.year", "heltal" },
        { """{"asOf":{"year":2025.5}}""", "asOf.year", "heltal" },
        { """{"as_of":{"year":2025,"mont":10}}""", "as_of.mont", "finns inte" },
        { """{"facts":{"stated_age":12,"birthDate":{"year":2013}}}""", "facts.birthDate", "facts.stated_age är redan angivet" },
        { """{"facts":{"child":{"statedAge":{"value":3}}}}""", "facts.child.statedAge", "heltal" },
        { """{"facts":[]}""", "facts", "objekt" },
        { """[{"facts":{}}]""", "body", "objekt" },
        { """{"facts":{"guardianConsent":"true"}}""", "facts.guardianConsent", "true eller false" },
        { """{"intervention":{"name":"bra-samtal"}}""", "intervention", "text" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void AMistake_IsNamedWhereItIs_AsSpelt(string json, string field, string words)
    {
        var problem = Assert.Single(Check(json));
        Assert.Equal(field, problem.Field);
        Assert.Contains(words, problem.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("skadligt", problem.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("20x5", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMistakeOfABody_IsNamed_AndNothingElse()
    {
        var problems = Check("""{"facts":{"statedage":34,"attestedFacts":"a","registeredMunicipalityCode":2514},"intervention":"x","extra":{"deep":[1,{"a":2}]}}""");
        Assert.Equal(["facts.statedage", "facts.attestedFacts", "facts.registeredMunicipalityCode", "extra"], problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("""{"facts":{"stated\u0041ge":12}}""")] // a name escaped in JSON is the name
    [InlineData("""{"facts":{"statedAge":"12","attested":{"a":true,"b":false}},"as_of":{"year":"2025","month":10,"day":1}}""")]
    [InlineData("""{"facts":null,"asOf":null}""")]
    [InlineData("""{"facts":{"statedAge":12,"birthDate":null}}""")] // null is the default, no member of the oneof
    [InlineData(" {} \n")]
    public void ABodyTheContractReads_HasNoProblem(string json) => Assert.Empty(Check(json));

    [Theory]
    [InlineData("""{"data":"AAEC"}""", true)]
    [InlineData("""{"data":"AAE"}""", true)] // unpadded
    [InlineData("""{"data":"-_8="}""", true)] // URL-safe
    [InlineData("""{"data":""}""", true)]
    [InlineData("""{"data":"A"}""", false)]
    [InlineData("""{"data":"!!!!"}""", false)]
    [InlineData("""{"data":17}""", false)]
    public void Bytes_AreBase64_StandardOrUrlSafe(string json, bool right)
    {
        var problems = Check(json, Google.Api.HttpBody.Descriptor);
        Assert.Equal(right, problems.Count == 0);
        Assert.All(problems, p => Assert.Equal("data", p.Field));
    }

    [Fact]
    public void ALongBase64Text_IsReadWithoutLimit()
    {
        var text = Convert.ToBase64String(new byte[3000]);
        Assert.Empty(Check($$"""{"data":"{{text}}"}""", Google.Api.HttpBody.Descriptor));
        Assert.Single(Check($$"""{"data":"{{text[..^1]}}!"}""", Google.Api.HttpBody.Descriptor));
    }

    [Fact]
    public void ABodyUnderAField_IsNamedUnderIt() =>
        Assert.Equal("facts.statedage", Assert.Single(Check("""{"statedage":3}""", Facts.Descriptor, "facts.")).Field);

    [Theory]
    [InlineData("")]
    [InlineData("{\"facts\":{\"statedAge\":34,}")]
    [InlineData("{} x")]
    [InlineData("{\"facts\":{}} {}")]
    [InlineData("{\"facts\" // a comment\n:{}}")]
    public void NotJson_SaysWhere(string json)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => Check(json));
        Assert.NotNull(ex.LineNumber);
        Assert.InRange(ex.BytePositionInLine ?? -1, 0, json.Length);
    }

    [Fact]
    public void TextThatIsNotUtf8_IsNotJson_AndSaysWhere()
    {
        var body = "{\"facts\":{\n\"x"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\":1}}"u8.ToArray()).ToArray();
        var ex = Assert.Throws<JsonException>(() => JsonRequestCheck.Check(body, CheckEligibilityRequest.Descriptor));
        Assert.Equal(1, ex.LineNumber);
    }

    [Fact]
    public void EveryRequestTheContractsJsonWriterMakes_Passes()
    {
        var text = Gen.String[0, 20];
        var codes = Gen.Char["abcdefghij-"].Array[1, 12].Select(c => "k" + new string(c)).Array[0, 5];
        var requests = Gen.Select(text, Gen.Int[1900, 2100], Gen.OneOf(Gen.Const(0), Gen.Int[0, 3]), Gen.Int[0, 130], codes, codes, Gen.Bool, Gen.Bool)
            .Select((intervention, year, age, stated, yes, no, consent, child) =>
            {
                var facts = new Facts { GuardianConsent = consent };
                switch (age)
                {
                    case 1: facts.StatedAge = stated; break;
                    case 2: facts.PersonalIdentityNumber = "20130315-1235"; break;
                    case 3: facts.BirthDate = new Type.V1.Date { Year = year, Month = 2, Day = 28 }; break;
                }

                facts.AttestedFacts.AddRange(yes);
                facts.DeniedFacts.AddRange(no);
                foreach (var code in yes)
                {
                    facts.Attested[code + "-svar"] = consent;
                }

                facts.UncertainFacts.Add(consent ? UncertainFact.Age : UncertainFact.Identity);
                if (child)
                {
                    facts.Child = new ChildFacts { StatedAge = stated % 18, RegisteredMunicipalityCode = "2514" };
                }

                return new CheckEligibilityRequest { Intervention = intervention, AsOf = new Type.V1.Date { Year = year, Month = 1, Day = 1 }, Facts = facts };
            });
        var preserving = new JsonFormatter(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));
        requests.Sample(request =>
        {
            Assert.Empty(Check(JsonFormatter.Default.Format(request)));
            Assert.Empty(Check(preserving.Format(request)));
        });
    }
}

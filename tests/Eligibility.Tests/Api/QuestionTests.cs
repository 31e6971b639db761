using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// A portal that knows only the contract: it asks ListQuestions, answers every question, and checks. The
/// expectations are read from the catalog as the Catalog serves it (walking the condition tree here, not
/// through the evaluator), for every seeded kommun and every direct-access insats.
/// </summary>
public sealed class QuestionTests(EligibilityStack stack) : IClassFixture<EligibilityStack>
{
    private static readonly Type.V1.Date Autumn = D.Of(2025, 10, 1);

    public static TheoryData<string> Kommuner() => ["2514", "1489", "9999"];

    private async Task<List<Intervention>> DirectInsatserAsync(string code)
    {
        var catalog = stack.Catalog.Client(stack.Catalog.Token(code, "catalog.read"));
        var list = await catalog.ListInterventionsAsync(new ListInterventionsRequest { Parent = $"municipalities/{code}", AsOf = Autumn, Access = Access.Direct, PageSize = 500 });
        return [.. list.Interventions];
    }

    private static IEnumerable<Condition> Leaves(Condition? c) => c?.KindCase switch
    {
        null or Condition.KindOneofCase.None => [],
        Condition.KindOneofCase.All => c.All.Conditions.SelectMany(Leaves),
        Condition.KindOneofCase.Any => c.Any.Conditions.SelectMany(Leaves),
        Condition.KindOneofCase.Not => Leaves(c.Not),
        _ => [c],
    };

    [Theory]
    [MemberData(nameof(Kommuner))]
    public async Task EveryFactTheCatalogNames_IsAsked_InWordsAResidentReads(string code)
    {
        var questions = await stack.Eligibility.ClientFor(code).ListQuestionsAsync(new ListQuestionsRequest { Parent = $"municipalities/{code}", AsOf = Autumn });
        var facts = (await DirectInsatserAsync(code)).SelectMany(iv => Leaves(iv.Conditions)).Where(l => l.KindCase == Condition.KindOneofCase.AttestedFact).Select(l => l.AttestedFact).ToList();
        Assert.NotEmpty(questions.Questions);
        foreach (var fact in facts)
        {
            var question = Assert.Single(questions.Questions, q => q.Code == "fact:" + fact.Code);
            Assert.Equal(FactType.YesNo, question.Type);
            Assert.Equal("facts.attested", question.Field);
            // Asked in the question the kommun wrote for the fact, with its help; never a text made of the description.
            Assert.Equal(fact.Question, question.Text);
            Assert.Equal(fact.Help, question.Help);
            Assert.DoesNotContain(fact.Description.TrimEnd('.'), question.Text, StringComparison.Ordinal);
        }

        Assert.Equal(questions.Questions.Count, questions.Questions.Select(q => q.Code).Distinct().Count());
        Assert.All(questions.Questions, q =>
        {
            Assert.EndsWith("?", q.Text.TrimEnd('.'), StringComparison.Ordinal);
            Assert.NotEmpty(q.Help);
            Assert.NotEqual(FactType.Unspecified, q.Type);
            Assert.NotEmpty(q.Uses);
            Assert.All(q.Uses, u => Assert.StartsWith($"municipalities/{code}/interventions/", u.Intervention, StringComparison.Ordinal));
            Assert.DoesNotContain("behov", q.Text, StringComparison.OrdinalIgnoreCase); // facts, never needs
        });
    }

    /// <summary>The promise of the questions: a portal that answers every one of an insats' questions never gets "undetermined".</summary>
    [Theory]
    [MemberData(nameof(Kommuner))]
    public async Task AnsweringEveryQuestionOfAnInsats_DecidesIt(string code)
    {
        var client = stack.Eligibility.ClientFor(code);
        foreach (var iv in await DirectInsatserAsync(code))
        {
            var questions = await client.ListQuestionsAsync(new ListQuestionsRequest { Parent = $"municipalities/{code}", Intervention = iv.Name, AsOf = Autumn });
            foreach (var (age, yes) in new[] { (10, true), (16, false), (40, true), (40, false) })
            {
                var facts = new Facts();
                foreach (var q in questions.Questions)
                {
                    Answer(facts, q, code, age, yes);
                }

                var answer = await client.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = iv.Name, AsOf = Autumn, Facts = facts });
                Assert.True(answer.Outcome != Outcome.Undetermined, $"{iv.Name} at age {age}, answers {yes}: still undetermined, missing {string.Join(", ", answer.Missing.Select(m => m.Code))}");
                Assert.Empty(answer.Missing);
            }
        }
    }

    internal static void Answer(Facts facts, Question q, string code, int age, bool yes)
    {
        switch (q.Code)
        {
            case "age": facts.StatedAge = age; break;
            case "registered_municipality": facts.RegisteredMunicipalityCode = code; break;
            case "school_municipality": facts.SchoolMunicipalityCode = code; break;
            case "guardian_consent": facts.GuardianConsent = yes; break;
            case "guardian_informed": facts.GuardianInformed = yes; break;
            case "child.age": (facts.Child ??= new ChildFacts()).StatedAge = 8; break;
            case "child.registered_municipality": (facts.Child ??= new ChildFacts()).RegisteredMunicipalityCode = code; break;
            case "child.school_municipality": (facts.Child ??= new ChildFacts()).SchoolMunicipalityCode = code; break;
            default:
                Assert.StartsWith("fact:", q.Code, StringComparison.Ordinal);
                facts.Attested[q.Code["fact:".Length..]] = yes;
                break;
        }
    }

    [Fact]
    public async Task AnUndeterminedAnswer_NamesEachMissingFactWithTheQuestionListQuestionsGives()
    {
        var client = stack.Eligibility.ClientFor("2514");
        var bra = "municipalities/2514/interventions/bra-samtal";
        var answer = await client.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = bra, AsOf = Autumn, Facts = new Facts() });
        Assert.Equal(Outcome.Undetermined, answer.Outcome);
        Assert.NotEmpty(answer.Missing);
        var questions = (await client.ListQuestionsAsync(new ListQuestionsRequest { Parent = "municipalities/2514", Intervention = bra, AsOf = Autumn })).Questions;
        foreach (var missing in answer.Missing)
        {
            var question = Assert.Single(questions, q => q.Code == missing.Code);
            Assert.Equal(question.Text, missing.Question);
            Assert.Equal(question.Field, missing.Field);
        }

        Assert.All(answer.Conditions.Where(c => c.Status == ConditionStatus.Unknown && c.AffectsOutcome), c => Assert.NotEmpty(c.Missing));
    }

    [Fact]
    public async Task ANoOnTheFactItself_IsANo_AndTheTwoWaysMustAgree()
    {
        var client = stack.Eligibility.ClientFor("2514");
        var bra = "municipalities/2514/interventions/bra-samtal";
        Facts Child() => new() { StatedAge = 12, RegisteredMunicipalityCode = "2514", GuardianConsent = true };
        var viaMap = Child();
        viaMap.Attested["omsorgsperson-med-skadligt-bruk"] = false;
        var viaList = Child();
        viaList.DeniedFacts.Add("omsorgsperson-med-skadligt-bruk");
        var a = await client.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = bra, AsOf = Autumn, Facts = viaMap });
        var b = await client.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = bra, AsOf = Autumn, Facts = viaList });
        Assert.Equal(b.Outcome, a.Outcome);
        Assert.NotEqual(Outcome.Eligible, a.Outcome);

        var conflicting = Child();
        conflicting.Attested["omsorgsperson-med-skadligt-bruk"] = false;
        conflicting.AttestedFacts.Add("omsorgsperson-med-skadligt-bruk");
        await AssertInvalidAsync(client.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = bra, AsOf = Autumn, Facts = conflicting }).ResponseAsync, "facts.attested");

        var unknown = Child();
        unknown.Attested["har-en-hund"] = true;
        await AssertInvalidAsync(client.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = bra, AsOf = Autumn, Facts = unknown }).ResponseAsync, "facts.attested");

        var malformed = Child();
        malformed.Attested["19811218-9876"] = true;
        var ex = await AssertInvalidAsync(client.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = bra, AsOf = Autumn, Facts = malformed }).ResponseAsync, "facts.attested");
        Assert.DoesNotContain("19811218", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AParentAskingForAParentDirectedInsats_IsNotAskedForAGuardiansConsent()
    {
        var questions = await stack.Eligibility.ClientFor("1489").ListQuestionsAsync(new ListQuestionsRequest
        {
            Parent = "municipalities/1489", Intervention = "municipalities/1489/interventions/samarbetssamtal", AsOf = Autumn,
        });
        Assert.Contains(questions.Questions, q => q.Code.StartsWith("child.", StringComparison.Ordinal));
        Assert.DoesNotContain(questions.Questions, q => q.Code is "guardian_consent" or "age");
    }

    [Fact]
    public async Task Questions_RefuseAnotherKommunAndAnUnknownInsats()
    {
        var kalix = stack.Eligibility.ClientFor("2514");
        var denied = await Assert.ThrowsAsync<RpcException>(() => kalix.ListQuestionsAsync(new ListQuestionsRequest { Parent = "municipalities/1489" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var foreignInsats = await Assert.ThrowsAsync<RpcException>(() => kalix.ListQuestionsAsync(new ListQuestionsRequest
        {
            Parent = "municipalities/2514", Intervention = "municipalities/1489/interventions/samarbetssamtal",
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, foreignInsats.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => kalix.ListQuestionsAsync(new ListQuestionsRequest
        {
            Parent = "municipalities/2514", Intervention = "municipalities/2514/interventions/finns-inte",
        }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        await AssertInvalidAsync(kalix.ListQuestionsAsync(new ListQuestionsRequest { Parent = "municipalities/2514", AsOf = D.Of(2025, 2, 30) }).ResponseAsync, "as_of");
    }

    [Fact]
    public async Task Questions_OverRest_AsAPortalFetchesThem()
    {
        using var http = stack.Eligibility.Rest("2514");
        var json = await http.GetFromJsonAsync<JsonObject>("/v1/municipalities/2514/questions?asOf.year=2025&asOf.month=10&asOf.day=1");
        var questions = json!["questions"]!.AsArray();
        Assert.Contains(questions, q => (string?)q!["code"] == "age" && (string?)q["type"] == "FACT_TYPE_AGE");
    }

    private static async Task<RpcException> AssertInvalidAsync(Task call, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(field, ex.Status.Detail, StringComparison.Ordinal);
        return ex;
    }
}

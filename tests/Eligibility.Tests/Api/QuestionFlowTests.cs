using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Api;

/// <summary>
/// A portal that asks one question at a time: ListDirectInterventions with the facts so far, the first of its
/// next_questions, again with the answer, until nothing is left to ask. Walked for every seeded kommun with
/// several made-up people (ages, yes and no, "vet inte"); the expectations come from the catalog as the Catalog
/// serves it and from CheckEligibility, not from the code that chooses the questions.
/// </summary>
public sealed class QuestionFlowTests(EligibilityStack stack) : IClassFixture<EligibilityStack>
{
    private static readonly Type.V1.Date Autumn = D.Of(2025, 10, 1);

    public static TheoryData<string, int, bool> People() => new()
    {
        { "2514", 9, true }, { "2514", 16, false }, { "2514", 35, true }, { "2514", 70, false },
        { "1489", 14, true }, { "1489", 19, false }, { "1489", 42, true },
        { "9999", 12, false }, { "9999", 17, true }, { "9999", 25, true }, { "9999", 50, false },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task OneQuestionAtATime_EndsWithEveryInsatsDecided_AndNeverAsksTwice(string code, int age, bool yes)
    {
        var client = stack.Eligibility.ClientFor(code);
        var facts = new Facts();
        var asked = new List<string>();
        ListDirectInterventionsResponse answer;
        while (true)
        {
            answer = await client.ListDirectInterventionsAsync(new ListDirectInterventionsRequest { Parent = $"municipalities/{code}", AsOf = Autumn, Facts = facts });
            var missing = answer.Possible.SelectMany(p => p.Missing.Select(m => m.Code)).ToHashSet();
            Assert.Equal(missing.OrderBy(c => c, StringComparer.Ordinal), answer.NextQuestions.Select(q => q.Code).OrderBy(c => c, StringComparer.Ordinal));
            if (answer.NextQuestions.Count == 0)
            {
                break;
            }

            var next = answer.NextQuestions[0];
            Assert.DoesNotContain(next.Code, asked); // an answered question never comes back
            Assert.False(string.IsNullOrWhiteSpace(next.Text));
            Assert.False(string.IsNullOrWhiteSpace(next.Help));
            asked.Add(next.Code);
            QuestionTests.Answer(facts, next, code, age, yes);
            Assert.True(asked.Count < 30, "the flow does not end");
        }

        Assert.Empty(answer.Possible);
        if (age >= 18)
        {
            // An adult is never asked for a guardian's answers: those questions decide nothing once the age is known.
            Assert.DoesNotContain("guardian_consent", asked);
            Assert.DoesNotContain("guardian_informed", asked);
        }

        // The list agrees with a check of each insats on the same facts.
        var insatser = await DirectInsatserAsync(code);
        foreach (var iv in insatser)
        {
            var check = await client.CheckEligibilityAsync(new CheckEligibilityRequest { Intervention = iv.Name, AsOf = Autumn, Facts = facts });
            Assert.Equal(check.Outcome == Outcome.Eligible, answer.Eligible.Any(e => e.Intervention == iv.Name));
        }

        Assert.All(answer.Eligible, e =>
        {
            var iv = Assert.Single(insatser, i => i.Name == e.Intervention);
            Assert.Equal(iv.Description, e.Description);
            Assert.NotEmpty(e.Description);
            Assert.NotNull(e.Contact);
            Assert.NotEmpty(e.Contact.Unit);
        });
    }

    [Fact]
    public async Task AnAnswerOfVetInte_LeavesTheQuestionOpen_AndTheFlowCanSkipIt()
    {
        var client = stack.Eligibility.ClientFor("2514");
        var first = await client.ListDirectInterventionsAsync(new ListDirectInterventionsRequest { Parent = "municipalities/2514", AsOf = Autumn, Facts = new Facts() });
        Assert.Equal("age", first.NextQuestions[0].Code); // the person's own facts first
        var adult = await client.ListDirectInterventionsAsync(new ListDirectInterventionsRequest { Parent = "municipalities/2514", AsOf = Autumn, Facts = new Facts { StatedAge = 40 } });
        Assert.DoesNotContain(adult.NextQuestions, q => q.Code == "age");
        Assert.True(adult.NextQuestions.Count < first.NextQuestions.Count);
    }

    [Fact]
    public async Task TheKommunsContact_SaysWhatTheGuidelineDoesNotGive_RatherThanInventIt()
    {
        var kalix = await stack.Eligibility.ClientFor("2514").ListDirectInterventionsAsync(new ListDirectInterventionsRequest { Parent = "municipalities/2514", AsOf = Autumn, Facts = new Facts() });
        Assert.Equal("Socialtjänsten i Kalix kommun", kalix.Contact.Unit);
        Assert.Empty(kalix.Contact.Phone);
        Assert.Contains("anger ingen", kalix.Contact.Note, StringComparison.Ordinal);
        var example = await stack.Eligibility.ClientFor("9999").ListDirectInterventionsAsync(new ListDirectInterventionsRequest { Parent = "municipalities/9999", AsOf = Autumn, Facts = new Facts() });
        Assert.NotEmpty(example.Contact.Phone);
        Assert.StartsWith("https://", example.Contact.Link, StringComparison.Ordinal);
        var questions = await stack.Eligibility.ClientFor("9999").ListQuestionsAsync(new ListQuestionsRequest { Parent = "municipalities/9999", AsOf = Autumn });
        Assert.Equal(example.Contact, questions.Contact);
    }

    private async Task<List<Intervention>> DirectInsatserAsync(string code)
    {
        var catalog = stack.Catalog.Client(stack.Catalog.Token(code, "catalog.read"));
        var list = await catalog.ListInterventionsAsync(new ListInterventionsRequest { Parent = $"municipalities/{code}", AsOf = Autumn, Access = Access.Direct, PageSize = 500 });
        return [.. list.Interventions];
    }
}

using CsCheck;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Domain;

/// <summary>Properties over random facts and every seed insats (CsCheck).</summary>
public class EligibilityPropertyTests
{
    private static readonly (string Code, Intervention Iv, DateOnly AsOf)[] AllInsatser =
        new[] { "2514", "1489", "9999" }
            .SelectMany(code => Seeds.For(code).Versions.Select(iv => (code, iv, iv.ValidFrom.ToDateOnly().AddDays(30))))
            .ToArray();

    private static readonly string[] Codes = AllInsatser
        .SelectMany(x => Flatten(x.Iv.Conditions)).Where(c => c.AttestedFact is not null).Select(c => c.AttestedFact.Code)
        .Distinct().ToArray();

    private static readonly string?[] Kommuner = [null, "2514", "1489", "9999", "0180"];

    private static readonly Gen<int?> Age = Gen.Frequency((1, (IGen<int?>)Gen.Const((int?)null)), (6, Gen.Int[0, 130].Select(a => (int?)a)));
    private static readonly Gen<bool?> Tri = Gen.OneOf<bool?>(null, true, false);

    private static readonly Gen<SubjectFacts> Subject =
        Gen.Select(Age, Gen.OneOf(Kommuner), Gen.OneOf(Kommuner), (a, r, s) => new SubjectFacts(a, r, s));

    private static readonly Gen<PersonFacts> Facts =
        Gen.Select(Subject, Subject, Tri, Tri, Gen.Int[0, (1 << Math.Min(Codes.Length, 20)) - 1], Gen.Int[0, 7],
            (person, child, consent, informed, mask, uncertainMask) => PersonFacts.Of(person, child, consent, informed,
                Codes.Where((_, i) => i < 20 && (mask & (1 << i)) != 0).ToHashSet(),
                uncertain: Enumerable.Range(1, 3).Where(i => (uncertainMask & (1 << (i - 1))) != 0 && uncertainMask > 5).Select(i => (UncertainFact)i).ToHashSet()));

    private static readonly Gen<(string Code, Intervention Iv, DateOnly AsOf)> Insats = Gen.OneOf(AllInsatser);

    private static EligibilityDecision Decide((string Code, Intervention Iv, DateOnly AsOf) x, PersonFacts facts, bool fresh = false) =>
        EligibilityEvaluator.Evaluate(fresh ? x.Iv.Clone() : x.Iv, facts, x.AsOf, Seeds.For(x.Code).RulesInForce(x.AsOf)!.MunicipalityDisplayName);

    private static string Fingerprint(EligibilityDecision d) =>
        $"{d.Outcome}|{d.Explanation}|{string.Join(',', d.MissingFacts)}|" +
        string.Join(";", d.Conditions.Select(c => $"{c.Description}/{c.Status}/{c.Explanation}/{c.Source}/{string.Join(',', c.MissingFacts)}"));

    [Fact]
    public void SameFacts_AlwaysGiveTheSameAnswer()
    {
        Gen.Select(Insats, Facts).Sample((x, facts) => Fingerprint(Decide(x, facts)) == Fingerprint(Decide(x, facts, fresh: true)), iter: 5_000);
    }

    [Fact]
    public void RaisingTheAge_NeverSkipsFromTooYoungToTooOld()
    {
        var withAge = AllInsatser.Where(x => Flatten(x.Iv.Conditions).Any(c => c.Age is { Subject: Catalog.V1.Subject.Person })).ToArray();
        Assert.NotEmpty(withAge);
        Gen.Select(Gen.OneOf(withAge), Facts).Sample((x, facts) =>
        {
            var statuses = Enumerable.Range(0, Ages.Max + 1)
                .Select(age => Decide(x, facts with { Person = facts.Person with { Age = age } }).Conditions
                    .Where(c => c.Description.StartsWith("Ålder ", StringComparison.Ordinal))
                    .Select(c => c.Status == ConditionStatus.Met).DefaultIfEmpty(true).All(met => met))
                .ToArray();
            var firstMet = Array.IndexOf(statuses, true);
            var lastMet = Array.LastIndexOf(statuses, true);
            return firstMet < 0 || statuses[firstMet..(lastMet + 1)].All(met => met);
        }, iter: 300);
    }

    [Fact]
    public void NoOutcomeWithoutAnExplanation()
    {
        Gen.Select(Insats, Facts).Sample((x, facts) =>
        {
            var d = Decide(x, facts);
            return d.Outcome != Outcome.Unspecified
                   && !string.IsNullOrWhiteSpace(d.Explanation)
                   && d.Conditions.All(c => c.Description.Length > 0 && c.Explanation.Length > 0 && c.Source.Length > 0)
                   && (d.Outcome != Outcome.Undetermined || d.MissingFacts.Count > 0)
                   && (d.Outcome != Outcome.Eligible || d.Conditions.All(c => c.Status == ConditionStatus.Met))
                   && (d.Outcome != Outcome.NotEligible || d.Conditions.Any(c => c.Status == ConditionStatus.NotMet));
        }, iter: 5_000);
    }

    /// <summary>
    /// The past-question what-if is total over every answer a resident can give: whatever the facts of a check
    /// (any age of the person and of the child, 18 or more included, any kommuner, consent, attested, denied or
    /// uncertain facts), the profile the decision log keeps expands to at least one fact set, and reading the
    /// unchanged catalog over its expansion gives back the outcome the resident was given among its outcomes.
    /// (The attack's MEDIUM: a child aged 18 or more expanded to nothing and made every what-if over that insats's
    /// past questions fail with INTERNAL.)
    /// </summary>
    [Fact]
    public void APastQuestion_ExpandsToTheFactsItWasAskedWith_ForEveryAnswerAResidentCanGive()
    {
        Gen.Select(Insats, Facts).Sample((x, facts) =>
        {
            var name = Seeds.For(x.Code).RulesInForce(x.AsOf)!.MunicipalityDisplayName;
            var given = Decide(x, facts).Outcome;
            var expanded = FactProfile.Of(facts).Expand().ToList();
            return expanded.Count > 0
                   && expanded.Select(f => Socialtjanst.Eligibility.Application.DraftEvaluation.OutcomeOf(x.Iv, f, x.AsOf, name)).Contains(given);
        }, iter: 5_000);
    }

    [Theory]
    [InlineData(18)]
    [InlineData(25)]
    [InlineData(130)]
    public void AChildOfEighteenOrMore_IsReadAsGiven_NotDropped(int childAge)
    {
        var facts = PersonFacts.Of(new SubjectFacts(40, "2514", null), new SubjectFacts(childAge, "2514", null));
        var expanded = FactProfile.Of(facts).Expand().ToList();
        Assert.NotEmpty(expanded);
        Assert.Contains(expanded, f => f.Child.Age == childAge);
    }

    private static IEnumerable<Condition> Flatten(Condition? c)
    {
        if (c is null)
        {
            yield break;
        }

        yield return c;
        var children = c.KindCase switch
        {
            Condition.KindOneofCase.All => c.All.Conditions,
            Condition.KindOneofCase.Any => c.Any.Conditions,
            Condition.KindOneofCase.Not => [c.Not],
            _ => (IEnumerable<Condition>)[],
        };
        foreach (var child in children.SelectMany(Flatten))
        {
            yield return child;
        }
    }
}

using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Domain;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Tests.Domain;

/// <summary>
/// Every insats of every seed, walked at the ages its guideline names and on both sides of
/// 1 July 2025. The age bounds below are read from the guidelines' own words, not from the
/// encoding, so a wrong encoding fails here: "upp till 18 år" is under 18 (17 the oldest),
/// "mellan 7-18 år" and "0–18 år" include 18, "över 18 år" and "från 18 år" are 18 and older
/// (as the Kalix and demo guidelines use "över"), "fyllt 21 år" and "21 år och äldre" 21 and older.
/// </summary>
public class EverySeedInsatsTests
{
    private static readonly DateOnly LastOldDay = new(2025, 6, 30);
    private static readonly DateOnly FirstNewDay = new(2025, 7, 1);
    private static readonly DateOnly Autumn = new(2025, 10, 1);

    /// <summary>(kommun, insats, whose age, youngest eligible, oldest eligible, day) as the guideline words it.</summary>
    public static TheoryData<string, string, string, int?, int?, string> AgeBounds => new()
    {
        { "1489", "radgivning-vald-i-nara-relationer", "person", 18, null, "Vuxna från 18 år" },
        { "1489", "radgivning-till-bostadslosa", "person", 18, null, "Vuxna från 18 år" },
        { "1489", "anhorigstod-beroende", "person", 18, null, "Vuxna från 18 år" },
        { "1489", "anhorigstod-kriminalitet", "person", 18, null, "Vuxna från 18 år" },
        { "1489", "anhorigstod-psykisk-ohalsa", "person", 18, null, "Vuxna från 18 år" },
        { "1489", "anhorigstod-ungas-beroende-mini-maria", "person", 18, null, "Vuxna från 18 år" },
        { "1489", "aktivitetshus-glantan", "person", 18, 65, "Vuxna mellan 18 till 65 år" },
        { "1489", "krisstod-placerat-barn", "child", null, 17, "Placerat barn upp till 18 år" },
        { "1489", "efter-barnforhoret", "child", null, 17, "Barn upp till 18 år" },
        { "1489", "familjebehandling", "child", null, 17, "Barn upp till 18 år" },
        { "1489", "beroendestod-mini-maria", "person", 15, 21, "Unga mellan 15 till 21 år" },
        { "1489", "beroendestod-socialmedicinsk-mottagning", "person", 18, null, "Vuxna från 18 år" },
        { "2514", "familjecentral", "child", null, 6, "föräldrar och barn 0–6 år" },
        { "2514", "foraldrasupporten", "child", null, 18, "barn i åldern 0–18 år" },
        { "2514", "ungdomsmottagning", "person", null, 22, "Unga upp till 23 år" },
        { "2514", "radgivande-samtal", "person", 18, null, "Vuxna personer över 18 år" },
        { "2514", "bra-samtal", "person", 7, 18, "Barn och unga mellan 7-18 år" },
        { "2514", "boostersamtal", "person", 18, null, "18 år och äldre" },
        { "2514", "tolvstegsmodellen", "person", 21, null, "21 år och äldre" },
        { "9999", "barnsakert", "child", null, 4, "barn i åldern 0-4 år" },
        { "9999", "foraldraskapsstod-utan-sarskild-manual", "child", null, 18, "Familjer 0-18 år" },
        { "9999", "komet", "child", 3, 18, "barn i åldrarna 3-11 år eller 12-18 år" },
        { "9999", "medling-vid-brott", "person", 13, 20, "Ungdomar 13-20 år" },
        { "9999", "repulse", "person", 5, 18, "Barn i åldrarna 5-18" },
        { "9999", "kort-intervention", "person", 20, null, "Vuxna över 20 år" },
        { "9999", "motiverande-samtal", "person", 20, null, "Vuxna personer över 20 år" },
        { "9999", "motiverande-samtal-valdsutovare", "person", 18, null, "Vuxna personer" },
        { "9999", "samtal-om-vald", "person", 18, null, "Vuxna personer" },
        { "9999", "spel-om-pengar", "person", 20, null, "Vuxna personer över 20 år" },
        { "9999", "stodsamtal-vuxna-skadligt-bruk", "person", 20, null, "Vuxna över 20 år" },
    };

    [Theory]
    [MemberData(nameof(AgeBounds))]
    public void AtTheBoundsItsGuidelineNames_TheAnswerTurns(string code, string id, string whose, int? youngest, int? oldest, string wording)
    {
        var iv = Seeds.For(code).InForce($"municipalities/{code}/interventions/{id}", Autumn)!;
        Assert.NotNull(iv);
        var child = whose == "child";
        EligibilityDecision Decide(int age) => Seeds.Check(code, id, Autumn, child ? Everything(iv, code, 35, age, child) : Everything(iv, code, age, Middle(iv, child: true), child));
        Outcome At(int age) => Decide(age).Outcome;
        string Why(int age) => string.Join("; ", Decide(age).Conditions.Select(c => $"{c.Description}={c.Status}"));

        if (youngest is { } lo)
        {
            Assert.True(At(lo) == Outcome.Eligible, $"{id} at {lo} ({wording})");
            Assert.True(At(lo - 1) == Outcome.NotEligible, $"{id} at {lo - 1} ({wording})");
        }

        if (oldest is { } hi)
        {
            Assert.True(At(hi) == Outcome.Eligible, $"{id} at {hi} ({wording})");
            Assert.True(At(hi + 1) == Outcome.NotEligible, $"{id} at {hi + 1} ({wording}): {Why(hi + 1)}");
        }
    }

    public static TheoryData<string, string> AllInsatser()
    {
        var data = new TheoryData<string, string>();
        foreach (var code in new[] { "2514", "1489", "9999" })
        {
            var snapshot = Seeds.For(code);
            var all = new[] { Autumn, LastOldDay }.SelectMany(day => snapshot.ListInForce(day, Access.Direct).Concat(snapshot.ListInForce(day, Access.NeedsAssessed)));
            foreach (var id in all
                         .Select(i => i.Name[(i.Name.LastIndexOf('/') + 1)..]).Distinct())
            {
                data.Add(code, id);
            }
        }

        return data;
    }

    [Fact]
    public void TheWalk_CoversEverySeedInsats()
    {
        // Kalix: 12 in the 2001 catalog and 12 in the 2025 one, 7 ids in both; Alingsås 21; the demo kommun 20.
        Assert.Equal(17 + 21 + 20, AllInsatser().Count());
    }

    [Theory]
    [MemberData(nameof(AllInsatser))]
    public void EverySeedInsats_OnEachSideOfJuly2025_AnswersUnderTheActInForce(string code, string id)
    {
        var name = $"municipalities/{code}/interventions/{id}";
        foreach (var day in new[] { LastOldDay, FirstNewDay })
        {
            var iv = Seeds.For(code).InForce(name, day);
            if (iv is null)
            {
                continue; // not offered that day: Kalix 2001's serviceinsatser end on 30 June, the 2025 catalogs start on 1 July
            }

            var decision = Seeds.Check(code, id, day, Everything(iv, code, Middle(iv, child: false), Middle(iv, child: true), boundsOf: null));
            if (iv.Access == Access.NeedsAssessed)
            {
                Assert.Equal(Outcome.RequiresApplication, decision.Outcome);
                Assert.Contains(day < FirstNewDay ? "4 kap. 1 § SoL (2001:453)" : "11 kap. 1 § SoL", decision.Explanation, StringComparison.Ordinal);
                continue;
            }

            Assert.True(decision.Outcome == Outcome.Eligible, $"{id} on {day}: {decision.Outcome} {string.Join("; ", decision.Conditions.Select(c => $"{c.Description}={c.Status}"))}");
            var floor = decision.Conditions.Where(c => c.Source.Contains("21 kap. 2 §", StringComparison.Ordinal)).ToList();
            if (day < FirstNewDay)
            {
                Assert.Empty(floor); // 21 kap. 2 § SoL (2025:400) did not exist before 1 July 2025
            }
        }

        Assert.True(Seeds.For(code).InForce(name, LastOldDay) is not null || Seeds.For(code).InForce(name, FirstNewDay) is not null || Seeds.For(code).InForce(name, Autumn) is not null);
    }

    [Fact]
    public void KalixUngdomsmottagning_ForA14YearOldWhoseGuardianIsInformed_TurnsOnTheNewActsConsentFloor()
    {
        var facts = PersonFacts.Of(new SubjectFacts(14, "2514", null), informed: true);
        Assert.Equal(Outcome.Eligible, Seeds.Check("2514", "ungdomsmottagning", LastOldDay, facts).Outcome);
        var after = Seeds.Check("2514", "ungdomsmottagning", FirstNewDay, facts);
        Assert.Equal(Outcome.Undetermined, after.Outcome);
        Assert.Equal(["facts.guardian_consent"], after.MissingFacts);
        Assert.Contains(after.Conditions, c => c.Source == "21 kap. 2 § SoL");
    }

    [Fact]
    public void ASixteenYearOldOutsideAnAdultsInsatsOnAge_GetsNoConsentQuestion()
    {
        var decision = Seeds.Check("9999", "motiverande-samtal", Autumn, PersonFacts.Of(new SubjectFacts(16, "9999", null)));
        Assert.Equal(Outcome.NotEligible, decision.Outcome);
        Assert.Empty(decision.MissingFacts);
        Assert.All(decision.Conditions.Where(c => c.Status == ConditionStatus.Unknown), c => Assert.False(decision.AffectsOutcome(c)));
        Assert.Contains(decision.Conditions, c => c.Status == ConditionStatus.Unknown && c.Source == "21 kap. 2 § SoL");
    }

    private static int Middle(Intervention iv, bool child)
    {
        var (lo, hi) = Range(iv.Conditions, child);
        return hi is { } h ? ((lo ?? 0) + h) / 2 : Math.Max(lo ?? 0, child ? 10 : 35);
    }

    private static (int? Lo, int? Hi) Range(Condition? c, bool child)
    {
        if (c is null)
        {
            return (null, null);
        }

        if (c.KindCase == Condition.KindOneofCase.Age && (c.Age.Subject == Subject.Child) == child)
        {
            return (c.Age.HasMinYears ? c.Age.MinYears : null, c.Age.HasMaxYears ? c.Age.MaxYears : null);
        }

        if (c.KindCase is Condition.KindOneofCase.All or Condition.KindOneofCase.Any)
        {
            var parts = (c.KindCase == Condition.KindOneofCase.All ? c.All : c.Any).Conditions.Select(x => Range(x, child)).Where(r => r != (null, null)).ToList();
            return parts.Count == 0 ? (null, null) : parts[0];
        }

        return (null, null);
    }

    /// <summary>
    /// Every fact the insats asks for, given and met, but the ages: registered and at school in the kommun, consent given,
    /// every attested fact, except an attested fact offered as an alternative to the age tested ("barn 0–6 år eller blivande föräldrar"), which is denied.
    /// </summary>
    private static PersonFacts Everything(Intervention iv, string code, int age, int childAge, bool? boundsOf)
    {
        var codes = new HashSet<string>();
        var alternatives = new HashSet<string>();
        Collect(iv.Conditions, codes, boundsOf);
        Collect(iv.Conditions, alternatives, null);
        alternatives.ExceptWith(codes);
        return PersonFacts.Of(new SubjectFacts(age, code, code), new SubjectFacts(childAge, code, code), consent: true, informed: true, attested: codes, denied: alternatives);
    }

    private static void Collect(Condition? c, HashSet<string> codes, bool? boundsOf)
    {
        switch (c?.KindCase)
        {
            case Condition.KindOneofCase.AttestedFact:
                codes.Add(c.AttestedFact.Code);
                break;
            case Condition.KindOneofCase.All:
                c.All.Conditions.ToList().ForEach(x => Collect(x, codes, boundsOf));
                break;
            case Condition.KindOneofCase.Any when boundsOf is { } child && c.Any.Conditions.Any(x => x.KindCase == Condition.KindOneofCase.Age && (x.Age.Subject == Subject.Child) == child):
                break;
            case Condition.KindOneofCase.Any:
                c.Any.Conditions.ToList().ForEach(x => Collect(x, codes, boundsOf));
                break;
        }
    }
}

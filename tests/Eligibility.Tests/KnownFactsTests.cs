using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.Application;
using Socialtjanst.Eligibility.Tests.Domain;

namespace Socialtjanst.Eligibility.Tests;

/// <summary>
/// What facts.attested may name is kept per snapshot and day: the answer must be the one gathered afresh for that
/// snapshot and day, whichever day or kommun was asked before.
/// </summary>
public sealed class KnownFactsTests
{
    private static readonly DateOnly Old = new(2024, 1, 1);     // Kalix under its 2001 guideline: no attested facts
    private static readonly DateOnly Autumn = new(2025, 10, 1); // Kalix under its 2025 guideline
    private const string Fact = "omsorgsperson-med-skadligt-bruk";

    public static TheoryData<bool> Orders => new() { true, false };

    [Theory]
    [MemberData(nameof(Orders))]
    public void TheDayAskedDecides_WhicheverDayCameFirst(bool autumnFirst)
    {
        var kalix = Copy(Seeds.For("2514")); // a snapshot of its own, so no other test has filled its days
        Assert.True(Fresh(kalix, Autumn).Contains(Fact));
        Assert.DoesNotContain(Fact, Fresh(kalix, Old));

        foreach (var day in autumnFirst ? new[] { Autumn, Old, Autumn, Old } : [Old, Autumn, Old, Autumn])
        {
            Assert.Equal(day == Autumn, Questionnaire.AllAsked(kalix, day, [Fact]));
        }
    }

    [Fact]
    public void EveryCodeMustBeAsked_AndNoneIsNone()
    {
        var kalix = Copy(Seeds.For("2514"));
        var asked = Fresh(kalix, Autumn);
        Assert.True(Questionnaire.AllAsked(kalix, Autumn, asked));
        Assert.False(Questionnaire.AllAsked(kalix, Autumn, [.. asked, "har-en-hund"]));
        Assert.True(Questionnaire.AllAsked(kalix, Old, []));
    }

    [Fact]
    public void AnotherKommunsSnapshot_HasItsOwnCodes()
    {
        var (kalix, alingsas) = (Copy(Seeds.For("2514")), Copy(Seeds.For("1489")));
        var onlyKalix = Fresh(kalix, Autumn).Except(Fresh(alingsas, Autumn)).ToArray();
        Assert.NotEmpty(onlyKalix);
        Assert.True(Questionnaire.AllAsked(kalix, Autumn, onlyKalix));
        Assert.False(Questionnaire.AllAsked(alingsas, Autumn, onlyKalix[..1]));
        foreach (var code in Fresh(alingsas, Autumn))
        {
            Assert.True(Questionnaire.AllAsked(alingsas, Autumn, [code]));
        }
    }

    private static IReadOnlySet<string> Fresh(CatalogSnapshot snapshot, DateOnly day) =>
        Questionnaire.FactCodes(snapshot.ListInForce(day, Access.Direct), snapshot.RulesInForce(day)?.MunicipalityDisplayName ?? "");

    private static CatalogSnapshot Copy(CatalogSnapshot snapshot) =>
        new(snapshot.MunicipalityCode, snapshot.Revision + 1, snapshot.Versions, snapshot.Rules);
}

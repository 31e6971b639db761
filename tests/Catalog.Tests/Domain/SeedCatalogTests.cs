using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Domain;

/// <summary>The seed catalogs say what the four guidelines say, insats by insats.</summary>
public class SeedCatalogTests
{
    private static CatalogFile Load(string file)
    {
        var (catalog, errors) = CatalogFileReader.Read(SeedFiles.Read(file));
        Assert.Empty(errors);
        return catalog!;
    }

    private static Intervention Get(CatalogFile file, string id) => file.Interventions.Single(e => e.Id == id).Intervention;

    [Theory]
    [InlineData(SeedFiles.Kalix2025, "2514", 8, 4)]
    [InlineData(SeedFiles.Kalix2001, "2514", 8, 4)]
    [InlineData(SeedFiles.Alingsas, "1489", 21, 0)]
    [InlineData(SeedFiles.Exempelkommun, "9999", 20, 0)]
    public void Seed_IsLawfulAndComplete(string fileName, string code, int direct, int needsAssessed)
    {
        var file = Load(fileName);
        Assert.Equal(code, file.MunicipalityCode);
        Assert.NotNull(file.Rules);
        Assert.Equal(3, file.Rules!.ExecutionLimitMonths);
        Assert.Equal(direct, file.Interventions.Count(e => e.Intervention.Access == Access.Direct));
        Assert.Equal(needsAssessed, file.Interventions.Count(e => e.Intervention.Access == Access.NeedsAssessed));
        foreach (var entry in file.Interventions)
        {
            Assert.Empty(InterventionRules.Validate(entry.Intervention, ""));
            Assert.Empty(InterventionRules.LegalProblems(entry.Intervention, ""));
            Assert.NotEmpty(entry.Intervention.SourceReference);
        }
    }

    [Fact]
    public void Kalix_OldCatalogEndsTheDayBeforeTheNewAct()
    {
        var old = Load(SeedFiles.Kalix2001);
        var current = Load(SeedFiles.Kalix2025);
        Assert.All(old.Interventions, e => Assert.Equal(D.Of(2025, 6, 30), e.Intervention.ValidTo));
        Assert.All(current.Interventions, e => Assert.Equal(D.Of(2025, 7, 1), e.Intervention.ValidFrom));
        Assert.Equal(12, old.Rules!.FollowUpIntervalMonths);
        Assert.Equal(6, current.Rules!.FollowUpIntervalMonths);
        Assert.Equal(2, current.Rules.ExtensiveNeedsFirstFollowUpMonths);
    }

    [Fact]
    public void Kalix_OldIndividualTalksAreForAdultsFrom21_OneToFiveSessions()
    {
        var talks = Get(Load(SeedFiles.Kalix2001), "radgivning-och-generella-samtal");
        Assert.Equal(5, talks.MaxSessions);
        Assert.Equal(21, talks.Conditions.All.Conditions.Single(c => c.Age is not null).Age.MinYears);
        Assert.Equal(DocumentationBasis.Pre2025Service, talks.DocumentationBasis);
    }

    [Fact]
    public void Kalix_BraSamtal_AgeRegistrationOrFamilyHome_ConsentUnder15()
    {
        var bra = Get(Load(SeedFiles.Kalix2025), "bra-samtal");
        var all = bra.Conditions.All.Conditions;
        Assert.Contains(all, c => c.Age is { MinYears: 7, MaxYears: 18 });
        Assert.Contains(all, c => c.Any is not null && c.Any.Conditions.Any(x => x.Registered?.MunicipalityCode == "2514")
                                               && c.Any.Conditions.Any(x => x.AttestedFact?.Code == "vistas-i-familjehem"));
        Assert.Contains(all, c => c.Any is not null && c.Any.Conditions.Any(x => x.GuardianConsent is not null)
                                               && c.Any.Conditions.Any(x => x.Age?.MinYears == 15));
        Assert.Equal(DocumentationBasis.IdentityExemption, bra.DocumentationBasis);
        Assert.NotEmpty(bra.SpecialGrounds);
    }

    [Theory]
    [InlineData("ungdomsmottagning")]
    [InlineData("orossamtal")]
    public void Kalix_GuardianInformedWording_IsFlaggedAgainst21_2(string id)
    {
        var iv = Get(Load(SeedFiles.Kalix2025), id);
        Assert.Contains(InterventionRules.Findings(iv), f => f.Paragraph == "21 kap. 2 § SoL");
    }

    [Fact]
    public void Kalix_BoosterNeedsCompletedTreatment_TwelveStepIsFullyDocumentedFrom21()
    {
        var file = Load(SeedFiles.Kalix2025);
        Assert.Contains(Get(file, "boostersamtal").Conditions.All.Conditions, c => c.AttestedFact?.Code == "avslutad-behandlingsinsats");
        var twelve = Get(file, "tolvstegsmodellen");
        Assert.Equal(DocumentationBasis.Full, twelve.DocumentationBasis);
        Assert.Contains(twelve.Conditions.All.Conditions, c => c.Age?.MinYears == 21);
    }

    [Fact]
    public void Alingsas_SamarbetssamtalNeedsJointRequestAndRegisteredChild()
    {
        var all = Get(Load(SeedFiles.Alingsas), "samarbetssamtal").Conditions.All.Conditions;
        Assert.Contains(all, c => c.AttestedFact?.Code == "foraldrarnas-gemensamma-begaran");
        Assert.Contains(all, c => c.Registered is { Subject: Subject.Child, MunicipalityCode: "1489" });
    }

    [Fact]
    public void Alingsas_SchoolSocialCounsellingNeedsChildEnrolledInAlingsasSchool()
    {
        var c = Get(Load(SeedFiles.Alingsas), "foraldraradgivning-skolsocial-problematik").Conditions.All.Conditions;
        Assert.Contains(c, x => x.SchoolEnrolment is { Subject: Subject.Child, MunicipalityCode: "1489" });
        Assert.Contains(c, x => x.AttestedFact?.Code == "barnet-i-forskoleklass-eller-grundskola");
    }

    [Fact]
    public void Alingsas_MiniMariaIsFor15To21WithoutRegistration_SuitableFrom15_WithThePassageItIsReadFrom()
    {
        var maria = Get(Load(SeedFiles.Alingsas), "beroendestod-mini-maria");
        Assert.Equal((15, 21), (maria.Conditions.Age.MinYears, maria.Conditions.Age.MaxYears));
        Assert.True(maria.SuitableFrom15WithoutConsent); // the 15 inside a target group from 13, "kan komma själv", anonymity (issue 29)
        Assert.Contains("Den unga kan komma själv", maria.SuitabilitySource, StringComparison.Ordinal);
        Assert.Contains("inte bekräftad av nämnden", maria.SuitabilitySource, StringComparison.Ordinal);
        Assert.Equal(DocumentationBasis.Full, maria.DocumentationBasis);
    }

    [Fact]
    public void Alingsas_GlantanIsAMeetingPlaceWithIdentityExemption()
    {
        var glantan = Get(Load(SeedFiles.Alingsas), "aktivitetshus-glantan");
        Assert.Equal(InterventionKind.MeetingPlace, glantan.Kind);
        Assert.Equal(DocumentationBasis.IdentityExemption, glantan.DocumentationBasis);
        Assert.Contains(glantan.Conditions.All.Conditions, c => c.Age is { MinYears: 18, MaxYears: 65 });
    }

    [Fact]
    public void Exempelkommun_SessionLimitsAndExemptionsFollowTheGuideline()
    {
        var file = Load(SeedFiles.Exempelkommun);
        Assert.Equal(5, Get(file, "barnsakert").MaxSessions);
        Assert.Equal(3, Get(file, "krisstod").MaxSessions);
        Assert.Equal(8, Get(file, "stodsamtal-riskfyllt-beteende").MaxSessions);
        Assert.Equal(DocumentationBasis.IdentityExemption, Get(file, "krisstod").DocumentationBasis);
        Assert.Equal(DocumentationBasis.CounsellingExemption, Get(file, "barnsakert").DocumentationBasis);
        Assert.Equal((13, 20), (Get(file, "medling-vid-brott").Conditions.All.Conditions[0].Age.MinYears, Get(file, "medling-vid-brott").Conditions.All.Conditions[0].Age.MaxYears));
        Assert.Contains(InterventionRules.Findings(Get(file, "repulse")), f => f.Paragraph == "14 kap. 4 § SoL");
    }

    [Fact]
    public void EverySuitabilityJudgementInTheSeeds_CarriesItsSource()
    {
        foreach (var file in new[] { SeedFiles.Kalix2001, SeedFiles.Kalix2025, SeedFiles.Alingsas, SeedFiles.Exempelkommun })
        {
            foreach (var iv in Load(file).Interventions.Select(e => e.Intervention).Where(i => i.SuitableFrom15WithoutConsent))
            {
                Assert.False(string.IsNullOrWhiteSpace(iv.SuitabilitySource), iv.Name);
                Assert.DoesNotContain(InterventionRules.Findings(iv), f => f.Code == "suitability-without-source");
            }
        }
    }

    [Fact]
    public void ASuitabilityJudgementWithoutASource_IsAcceptedWithAFinding()
    {
        var iv = new Intervention { Access = Access.Direct, Kind = InterventionKind.Counselling, SuitableFrom15WithoutConsent = true };
        var finding = Assert.Single(InterventionRules.Findings(iv), f => f.Code == "suitability-without-source");
        Assert.Equal("21 kap. 2 § SoL", finding.Paragraph);
        Assert.Equal("suitability_source", finding.Field);
    }
}

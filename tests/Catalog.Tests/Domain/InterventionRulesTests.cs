using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Tests.Support;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Domain;

public class InterventionRulesTests
{
    [Fact]
    public void Validate_LawfulSample_HasNoProblems()
    {
        Assert.Empty(InterventionRules.Validate(Sample.Counselling(), ""));
        Assert.Empty(InterventionRules.LegalProblems(Sample.Counselling(), ""));
        Assert.Empty(InterventionRules.Findings(Sample.Counselling()));
    }

    [Theory]
    [InlineData(InterventionKind.ContactPerson)]
    [InlineData(InterventionKind.FamilyHomeCare)]
    [InlineData(InterventionKind.LvmOrSpecialYouthHome)]
    [InlineData(InterventionKind.YouthResidentialCare)]
    [InlineData(InterventionKind.SpecialHousing)]
    [InlineData(InterventionKind.OtherResidentialCare)]
    [InlineData(InterventionKind.EconomicAssistance)]
    public void Guard_DirectAccessForExcludedKind_CitesElevenFive(InterventionKind kind)
    {
        var iv = Sample.Counselling().With(i => { i.Kind = kind; i.DocumentationBasis = DocumentationBasis.Full; });
        var problem = Assert.Single(InterventionRules.LegalProblems(iv, "intervention."));
        Assert.Equal("11 kap. 5 § SoL", problem.Paragraph);
        Assert.Equal("intervention.kind", problem.Subject);
    }

    [Theory]
    [InlineData(InterventionKind.ContactPerson)]
    [InlineData(InterventionKind.EconomicAssistance)]
    public void Guard_ExcludedKindWhenNeedsAssessed_IsLawful(InterventionKind kind)
    {
        var iv = Sample.Counselling().With(i => { i.Kind = kind; i.Access = Access.NeedsAssessed; i.DocumentationBasis = DocumentationBasis.Full; });
        Assert.Empty(InterventionRules.LegalProblems(iv, ""));
    }

    [Fact]
    public void Guard_IdentityExemptionOnNeedsAssessed_CitesFourteenFive()
    {
        var iv = Sample.Counselling().With(i =>
        {
            i.Access = Access.NeedsAssessed;
            i.DocumentationBasis = DocumentationBasis.IdentityExemption;
            i.SpecialGrounds = "Anonymitet.";
        });
        var problem = Assert.Single(InterventionRules.LegalProblems(iv, ""));
        Assert.Equal("14 kap. 5 § SoL", problem.Paragraph);
        Assert.Equal("documentation_basis", problem.Subject);
    }

    [Fact]
    public void Guard_IdentityExemptionWithoutSpecialGrounds_CitesFourteenFive()
    {
        var iv = Sample.Counselling().With(i => i.DocumentationBasis = DocumentationBasis.IdentityExemption);
        var problem = Assert.Single(InterventionRules.LegalProblems(iv, ""));
        Assert.Equal(("14 kap. 5 § SoL", "special_grounds"), (problem.Paragraph, problem.Subject));
    }

    [Fact]
    public void Guard_CounsellingExemptionForMeetingPlace_CitesFourteenFour()
    {
        var iv = Sample.Counselling().With(i => i.Kind = InterventionKind.MeetingPlace);
        var problem = Assert.Single(InterventionRules.LegalProblems(iv, ""));
        Assert.Equal("14 kap. 4 § SoL", problem.Paragraph);
    }

    [Fact]
    public void Guard_DirectAccessWithoutCommitteeDecision_CitesElevenFive()
    {
        var iv = Sample.Counselling().With(i => i.CommitteeDecisionReference = " ");
        var problem = Assert.Single(InterventionRules.LegalProblems(iv, ""));
        Assert.Equal(("11 kap. 5 § SoL", "committee_decision_reference"), (problem.Paragraph, problem.Subject));
    }

    [Fact]
    public void Guard_NeedsAssessedWithoutCommitteeDecision_IsLawful()
    {
        var iv = Sample.Counselling().With(i => { i.Access = Access.NeedsAssessed; i.CommitteeDecisionReference = ""; });
        Assert.Empty(InterventionRules.LegalProblems(iv, ""));
    }

    [Fact]
    public void Guard_UndocumentedServiceAfterJuly2025_CitesFourteenThree()
    {
        var open = Sample.Counselling().With(i => { i.DocumentationBasis = DocumentationBasis.Pre2025Service; i.ValidFrom = D.Of(2020, 1, 1); });
        Assert.Equal("14 kap. 3 § SoL", Assert.Single(InterventionRules.LegalProblems(open, "")).Paragraph);

        var ended = open.With(i => i.ValidTo = D.Of(2025, 6, 30));
        Assert.Empty(InterventionRules.LegalProblems(ended, ""));
    }

    [Fact]
    public void Finding_GuardianInformedWithoutConsent_IsFlaggedButLawful()
    {
        var iv = Sample.Counselling().With(i => i.Conditions = new Condition
        {
            Any = new ConditionList
            {
                Conditions =
                {
                    new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = 15 } },
                    new Condition { GuardianInformed = new GuardianInformed() },
                },
            },
        });
        Assert.Empty(InterventionRules.LegalProblems(iv, ""));
        var finding = Assert.Single(InterventionRules.Findings(iv));
        Assert.Equal(("guardian-informed-weaker-than-consent", "21 kap. 2 § SoL"), (finding.Code, finding.Paragraph));
    }

    [Fact]
    public void Finding_GuardianConsent_IsNotFlagged()
    {
        var iv = Sample.Counselling().With(i => i.Conditions = new Condition { GuardianConsent = new GuardianConsent() });
        Assert.DoesNotContain(InterventionRules.Findings(iv), f => f.Code == "guardian-informed-weaker-than-consent");
    }

    [Fact]
    public void Finding_ATargetGroupAgeThatIsNoCondition_IsFlagged_AndNotWhenTheAgeIsOne()
    {
        var open = Sample.Counselling().With(i => { i.TargetGroup = "Vuxna från 18 år."; i.Conditions = new Condition { Registered = new Registration { Subject = Subject.Person, MunicipalityCode = "1489" } }; });
        Assert.Equal("11 kap. 5 § SoL", Assert.Single(InterventionRules.Findings(open), f => f.Code == "target-group-age-not-a-condition").Paragraph);
        var aged = open.With(i => i.Conditions = new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = 18 } });
        Assert.DoesNotContain(InterventionRules.Findings(aged), f => f.Code == "target-group-age-not-a-condition");
        var everyone = open.With(i => i.TargetGroup = "Barn, unga och vuxna.");
        Assert.DoesNotContain(InterventionRules.Findings(everyone), f => f.Code == "target-group-age-not-a-condition");
    }

    [Fact]
    public void Finding_CounsellingExemptionOnTreatment_IsFlagged()
    {
        var iv = Sample.Counselling().With(i => i.Kind = InterventionKind.Treatment);
        Assert.Equal("14 kap. 4 § SoL", Assert.Single(InterventionRules.Findings(iv)).Paragraph);
    }

    [Fact]
    public void Validate_NamesEveryBrokenField()
    {
        var iv = Sample.Counselling().With(i =>
        {
            i.DisplayName = "";
            i.Access = Access.Unspecified;
            i.Kind = (InterventionKind)99;
            i.MaxSessions = -1;
            i.ValidFrom = D.Of(2025, 2, 30);
            i.Conditions = new Condition
            {
                All = new ConditionList
                {
                    Conditions =
                    {
                        new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = 20, MaxYears = 10 } },
                        new Condition { Registered = new Registration { Subject = Subject.Child, MunicipalityCode = "25" } },
                        new Condition { Any = new ConditionList() },
                        new Condition(),
                        new Condition { AttestedFact = new AttestedFact { Code = "Not A Code", Description = "" } },
                    },
                },
            };
        });
        var fields = InterventionRules.Validate(iv, "intervention.").Select(p => p.Field).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "intervention.display_name",
            "intervention.access",
            "intervention.kind",
            "intervention.max_sessions",
            "intervention.valid_from",
            "intervention.conditions.all[0].age",
            "intervention.conditions.all[1].registered.municipality_code",
            "intervention.conditions.all[2].any",
            "intervention.conditions.all[3]",
            "intervention.conditions.all[4].attested_fact.code",
            "intervention.conditions.all[4].attested_fact.description",
        }, fields);
    }

    [Fact]
    public void Validate_ValidToBeforeValidFrom_IsRefused()
    {
        var iv = Sample.Counselling().With(i => i.ValidTo = D.Of(2025, 6, 30));
        Assert.Equal("valid_to", Assert.Single(InterventionRules.Validate(iv, "")).Field);
    }

    [Fact]
    public void Validate_ConditionsNestedTooDeep_AreRefused()
    {
        var condition = new Condition { GuardianConsent = new GuardianConsent() };
        for (var i = 0; i < InterventionRules.MaxConditionDepth; i++)
        {
            condition = new Condition { Not = condition };
        }

        var iv = Sample.Counselling().With(i => i.Conditions = condition);
        Assert.Contains(InterventionRules.Validate(iv, ""), p => p.Description.Contains("nästlade", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2025-01-01", "2025-06-30", "2025-07-01", null, false)]
    [InlineData("2025-01-01", "2025-07-01", "2025-07-01", null, true)]
    [InlineData("2025-07-01", null, "2030-01-01", "2030-12-31", true)]
    [InlineData("2025-07-01", "2025-07-31", "2025-08-01", "2025-08-31", false)]
    public void Overlaps_ComparesInclusivePeriods(string aFrom, string? aTo, string bFrom, string? bTo, bool expected)
    {
        static (DateOnly, DateOnly?) P(string from, string? to) => (DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, InterventionRules.Overlaps(P(aFrom, aTo), P(bFrom, bTo)));
        Assert.Equal(expected, InterventionRules.Overlaps(P(bFrom, bTo), P(aFrom, aTo)));
    }
}

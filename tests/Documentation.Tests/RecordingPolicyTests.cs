using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.Domain;
using Socialtjanst.Documentation.V1;

namespace Socialtjanst.Documentation.Tests;

public class RecordingPolicyTests
{
    private static Requirement Of(DocumentationBasis basis, DataCategory category, FollowUpMode mode = FollowUpMode.ActivityLevel) =>
        RecordingPolicy.Of(RecordingPolicy.For(new Intervention { DocumentationBasis = basis, FollowUpMode = mode, Kind = InterventionKind.Counselling }, new DateOnly(2025, 10, 1)), category);

    [Theory]
    [InlineData(DocumentationBasis.Full)]
    [InlineData(DocumentationBasis.CounsellingExemption)]
    [InlineData(DocumentationBasis.IdentityExemption)]
    public void ActivityLevelData_IsAlwaysRequired_FromJuly2025(DocumentationBasis basis)
    {
        Assert.Equal(Requirement.Required, Of(basis, DataCategory.ActivityLevel));
    }

    [Fact]
    public void IdentityExemption_ForbidsIdentityForEveryParticipant()
    {
        Assert.Equal(Requirement.Forbidden, Of(DocumentationBasis.IdentityExemption, DataCategory.Identity));
        Assert.Equal("14 kap. 5 § SoL", RecordingPolicy.For(new Intervention { DocumentationBasis = DocumentationBasis.IdentityExemption }, new DateOnly(2025, 10, 1)).First(p => p.Category == DataCategory.Identity).Basis);
    }

    [Fact]
    public void Counselling_NeedNotRecordPersonalCircumstances()
    {
        Assert.Equal(Requirement.NotRequired, Of(DocumentationBasis.CounsellingExemption, DataCategory.PersonalCircumstances));
        Assert.Equal(Requirement.NotRequired, Of(DocumentationBasis.CounsellingExemption, DataCategory.Identity));
    }

    [Fact]
    public void FullDocumentation_RequiresIdentity_AndFollowUpWhenIndividual()
    {
        Assert.Equal(Requirement.Required, Of(DocumentationBasis.Full, DataCategory.Identity));
        Assert.Equal(Requirement.Required, Of(DocumentationBasis.Full, DataCategory.FollowUpAndClosure, FollowUpMode.Individual));
        Assert.Equal(Requirement.Permitted, Of(DocumentationBasis.Full, DataCategory.PersonalCircumstances));
    }

    [Theory]
    [InlineData(InterventionKind.Treatment)]
    [InlineData(InterventionKind.Support)]
    public void CounsellingExemptionClaimedForWhatIsNotCounselling_GivesWayToTheStatute(InterventionKind kind)
    {
        var iv = new Intervention { DocumentationBasis = DocumentationBasis.CounsellingExemption, Kind = kind, FollowUpMode = FollowUpMode.ActivityLevel };
        var day = new DateOnly(2025, 10, 1);
        var policies = RecordingPolicy.For(iv, day);
        Assert.Equal(Requirement.Required, RecordingPolicy.Of(policies, DataCategory.Identity));
        Assert.Equal(Requirement.Required, RecordingPolicy.Of(policies, DataCategory.FollowUpAndClosure));
        Assert.All(policies, p => Assert.Equal("14 kap. 3 § SoL", p.Basis));
        Assert.Contains("counselling-exemption-on-non-counselling", RecordingPolicy.Basis(iv, day).Override, StringComparison.Ordinal);
        Assert.Contains("counselling-exemption-on-non-counselling", policies.Single(p => p.Category == DataCategory.Identity).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ADayBeforeJuly2025_CitesTheOldAct()
    {
        var iv = new Intervention { DocumentationBasis = DocumentationBasis.Full, Kind = InterventionKind.Treatment, FollowUpMode = FollowUpMode.Individual };
        var before = RecordingPolicy.For(iv, new DateOnly(2025, 3, 1));
        Assert.All(before, p => Assert.Equal("11 kap. 5 och 6 §§ SoL (2001:453)", p.Basis));
        Assert.All(RecordingPolicy.For(iv, new DateOnly(2025, 7, 1)), p => Assert.Equal("14 kap. 3 § SoL", p.Basis));
        Assert.All(RecordingPolicy.For(iv, new DateOnly(2025, 6, 30)), p => Assert.DoesNotContain("14 kap.", p.Basis, StringComparison.Ordinal));
    }

    [Fact]
    public void AnExemptionOfTheNewAct_OnADayBeforeIt_GivesWayToTheOldActsDuty()
    {
        var iv = new Intervention { DocumentationBasis = DocumentationBasis.IdentityExemption, Kind = InterventionKind.Support, SpecialGrounds = "Anonymitet sänker tröskeln." };
        Assert.Equal(Requirement.Required, RecordingPolicy.Of(RecordingPolicy.For(iv, new DateOnly(2025, 6, 30)), DataCategory.Identity));
        var after = RecordingPolicy.For(iv, new DateOnly(2025, 7, 1));
        Assert.Equal(Requirement.Forbidden, RecordingPolicy.Of(after, DataCategory.Identity));
        Assert.Contains("Anonymitet sänker tröskeln.", after.Single(p => p.Category == DataCategory.Identity).Explanation, StringComparison.Ordinal);
    }
}

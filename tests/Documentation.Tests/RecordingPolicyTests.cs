using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.Domain;
using Socialtjanst.Documentation.V1;

namespace Socialtjanst.Documentation.Tests;

public class RecordingPolicyTests
{
    private static Requirement Of(DocumentationBasis basis, DataCategory category, FollowUpMode mode = FollowUpMode.ActivityLevel) =>
        RecordingPolicy.Of(RecordingPolicy.For(new Intervention { DocumentationBasis = basis, FollowUpMode = mode }), category);

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
        Assert.Equal("14 kap. 5 § SoL", RecordingPolicy.For(new Intervention { DocumentationBasis = DocumentationBasis.IdentityExemption }).First(p => p.Category == DataCategory.Identity).Basis);
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
}

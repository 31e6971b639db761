using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Support;

/// <summary>A lawful direct-access counselling insats to start each test from.</summary>
public static class Sample
{
    public static Intervention Counselling(string code = "2514", string id = "testsamtal") => new()
    {
        Name = $"municipalities/{code}/interventions/{id}",
        DisplayName = "Testsamtal",
        Content = "Rådgivande samtal.",
        Description = "Samtal med en rådgivare.",
        TargetGroup = "Vuxna.",
        Access = Access.Direct,
        Kind = InterventionKind.Counselling,
        Delivery = Delivery.Individual,
        DocumentationBasis = DocumentationBasis.CounsellingExemption,
        FollowUpMode = FollowUpMode.ActivityLevel,
        CommitteeDecisionReference = "SN 2025-06-12 § 42",
        ValidFrom = D.Of(2025, 7, 1),
        Conditions = new Condition
        {
            All = new ConditionList
            {
                Conditions =
                {
                    new Condition { Age = new AgeRange { Subject = Subject.Person, MinYears = 18 } },
                    new Condition { Registered = new Registration { Subject = Subject.Person, MunicipalityCode = code } },
                },
            },
        },
    };
}

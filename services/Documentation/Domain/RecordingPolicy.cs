using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.V1;

namespace Socialtjanst.Documentation.Domain;

/// <summary>
/// What may, must and must not be recorded for an insats, per category, from its documentation
/// basis. Pure. Activity-level data is always required (14 kap. 3 § SoL; also under 4 and 5 §§).
/// </summary>
public static class RecordingPolicy
{
    public static IReadOnlyList<CategoryPolicy> For(Intervention iv) => iv.DocumentationBasis switch
    {
        DocumentationBasis.IdentityExemption =>
        [
            P(DataCategory.Identity, Requirement.Forbidden, "14 kap. 5 § SoL",
                "Nämnden har beslutat att uppgifter som kan röja deltagarnas identitet inte dokumenteras i denna insats; det gäller alla deltagare."),
            P(DataCategory.PersonalCircumstances, Requirement.Permitted, "14 kap. 5 § SoL",
                "Får dokumenteras avidentifierat, så att uppgifterna inte ensamma eller tillsammans pekar ut en person."),
            ActivityLevel(),
            P(DataCategory.FollowUpAndClosure, Requirement.NotRequired, "14 kap. 5 § SoL",
                "Insatsen följs upp på verksamhetsnivå; individuell uppföljning dokumenteras inte."),
        ],
        DocumentationBasis.CounsellingExemption =>
        [
            P(DataCategory.Identity, Requirement.NotRequired, "14 kap. 4 § SoL",
                "Vid rådgivning behöver uppgifter om enskildas personliga förhållanden, som namn, personnummer och adress, inte dokumenteras."),
            P(DataCategory.PersonalCircumstances, Requirement.NotRequired, "14 kap. 4 § SoL",
                "Vid rådgivning behöver uppgifter om personliga förhållanden inte dokumenteras."),
            ActivityLevel(),
            P(DataCategory.FollowUpAndClosure, iv.FollowUpMode == FollowUpMode.Individual ? Requirement.Required : Requirement.NotRequired, "14 kap. 4 § SoL",
                iv.FollowUpMode == FollowUpMode.Individual ? "Uppföljning och avslut dokumenteras." : "Insatsen följs upp på verksamhetsnivå."),
        ],
        DocumentationBasis.Pre2025Service =>
        [
            P(DataCategory.Identity, Requirement.NotRequired, "11 kap. 5 § SoL (2001:453)", "Serviceinsatser utan beslut omfattades inte av dokumentationsskyldigheten."),
            P(DataCategory.PersonalCircumstances, Requirement.NotRequired, "11 kap. 5 § SoL (2001:453)", "Serviceinsatser utan beslut omfattades inte av dokumentationsskyldigheten."),
            P(DataCategory.ActivityLevel, Requirement.Permitted, "11 kap. 5 § SoL (2001:453)", "Besöksstatistik får föras."),
            P(DataCategory.FollowUpAndClosure, Requirement.NotRequired, "11 kap. 5 § SoL (2001:453)", "Serviceinsatser följdes upp på verksamhetsnivå."),
        ],
        _ =>
        [
            P(DataCategory.Identity, Requirement.Required, "14 kap. 3 § SoL", "Handläggning och genomförande dokumenteras, med uppgift om vem det gäller."),
            P(DataCategory.PersonalCircumstances, Requirement.Permitted, "14 kap. 3 § SoL",
                "Får dokumenteras i den mån det är tillräckligt, väsentligt och ändamålsenligt för insatsen."),
            ActivityLevel(),
            P(DataCategory.FollowUpAndClosure, iv.FollowUpMode == FollowUpMode.Individual ? Requirement.Required : Requirement.Permitted, "14 kap. 3 § SoL",
                "Uppföljning: när och hur, den enskildes syn, standardiserade metoder, nämndens bedömningar och åtgärder; avslut: när och varför."),
        ],
    };

    public static Requirement Of(IReadOnlyList<CategoryPolicy> policies, DataCategory category) =>
        policies.FirstOrDefault(p => p.Category == category)?.Requirement ?? Requirement.Unspecified;

    private static CategoryPolicy ActivityLevel() => P(DataCategory.ActivityLevel, Requirement.Required, "14 kap. 3 § SoL",
        "Antal deltagare, ålder och kön, avidentifierat mående och social situation vid start och avslut, problem under genomförandet och skäl till avbrott dokumenteras alltid.");

    private static CategoryPolicy P(DataCategory category, Requirement requirement, string basis, string explanation) =>
        new() { Category = category, Requirement = requirement, Basis = basis, Explanation = explanation };
}

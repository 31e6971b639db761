using Socialtjanst.Catalog.V1;
using Socialtjanst.Documentation.V1;
using Socialtjanst.Law;

namespace Socialtjanst.Documentation.Domain;

/// <summary>
/// What may, must and must not be recorded for an insats on a day, per category, from its
/// documentation basis and the act in force that day. Pure. Activity-level data is always required
/// (14 kap. 3 § SoL; also under 4 and 5 §§). The statute is a floor: a basis the law does not allow
/// for the insats (the counselling exemption of 14 kap. 4 § claimed for something that is not
/// counselling, an exemption of the new act on a day before it was in force) gives way to the full
/// duty to document, and the answer says why, citing the catalog's finding.
/// </summary>
public static class RecordingPolicy
{
    // The exemptions and the duty as the act in force from 1 July 2025 numbers them (the law library).
    private static string Cite(Rule rule) => Statute.CitationOn(rule, Statute.NewActInForce);

    /// <summary>The basis that applies, and why it is not the one the catalog claims (null when it is).</summary>
    public sealed record Applied(DocumentationBasis Basis, string? Override);

    public static Applied Basis(Intervention iv, DateOnly day)
    {
        var newAct = day >= Statute.NewActInForce;
        return iv.DocumentationBasis switch
        {
            DocumentationBasis.CounsellingExemption when iv.Kind != InterventionKind.Counselling =>
                new(DocumentationBasis.Full,
                    $"Riktlinjen anger undantaget i {Cite(Rule.CounsellingExemption)}, men det gäller bara rådgivning och insatsen är inte rådgivning " +
                    $"(katalogens anmärkning counselling-exemption-on-non-counselling). Lagens krav gäller: {Cite(Rule.Documentation)}."),
            DocumentationBasis.CounsellingExemption or DocumentationBasis.IdentityExemption when !newAct =>
                new(DocumentationBasis.Full, $"Undantagen i {Cite(Rule.CounsellingExemption)} och {Cite(Rule.IdentityExemption)} gäller från den " +
                    $"{Statute.InWords(Statute.NewActInForce)}; dagen före gällde {Statute.ActOn(day).Citation}."),
            DocumentationBasis.Pre2025Service when newAct =>
                new(DocumentationBasis.Full, $"Från den {Statute.InWords(Statute.NewActInForce)} dokumenteras genomförandet av alla insatser ({Cite(Rule.Documentation)})."),
            _ => new(iv.DocumentationBasis, null),
        };
    }

    public static IReadOnlyList<CategoryPolicy> For(Intervention iv, DateOnly day)
    {
        var (basis, why) = Basis(iv, day);
        var documentation = Statute.CitationOn(Rule.Documentation, day);
        string Note(string explanation) => why is null ? explanation : $"{explanation} {why}";
        return basis switch
        {
            DocumentationBasis.IdentityExemption =>
            [
                P(DataCategory.Identity, Requirement.Forbidden, Statute.CitationOn(Rule.IdentityExemption, day),
                    "Nämnden har beslutat att uppgifter som kan röja deltagarnas identitet inte dokumenteras i denna insats; det gäller alla deltagare." +
                    (string.IsNullOrWhiteSpace(iv.SpecialGrounds) ? "" : $" Särskilda skäl: {iv.SpecialGrounds}")),
                P(DataCategory.PersonalCircumstances, Requirement.Permitted, Statute.CitationOn(Rule.IdentityExemption, day),
                    "Får dokumenteras avidentifierat, så att uppgifterna inte ensamma eller tillsammans pekar ut en person."),
                ActivityLevel(day),
                P(DataCategory.FollowUpAndClosure, Requirement.NotRequired, Statute.CitationOn(Rule.IdentityExemption, day),
                    "Insatsen följs upp på verksamhetsnivå; individuell uppföljning dokumenteras inte."),
            ],
            DocumentationBasis.CounsellingExemption =>
            [
                P(DataCategory.Identity, Requirement.NotRequired, Statute.CitationOn(Rule.CounsellingExemption, day),
                    "Vid rådgivning behöver uppgifter om enskildas personliga förhållanden, som namn, personnummer och adress, inte dokumenteras."),
                P(DataCategory.PersonalCircumstances, Requirement.NotRequired, Statute.CitationOn(Rule.CounsellingExemption, day),
                    "Vid rådgivning behöver uppgifter om personliga förhållanden inte dokumenteras."),
                ActivityLevel(day),
                P(DataCategory.FollowUpAndClosure, iv.FollowUpMode == FollowUpMode.Individual ? Requirement.Required : Requirement.NotRequired,
                    Statute.CitationOn(Rule.CounsellingExemption, day),
                    iv.FollowUpMode == FollowUpMode.Individual ? "Uppföljning och avslut dokumenteras." : "Insatsen följs upp på verksamhetsnivå."),
            ],
            DocumentationBasis.Pre2025Service =>
            [
                P(DataCategory.Identity, Requirement.NotRequired, documentation, "Serviceinsatser utan beslut omfattades inte av dokumentationsskyldigheten."),
                P(DataCategory.PersonalCircumstances, Requirement.NotRequired, documentation, "Serviceinsatser utan beslut omfattades inte av dokumentationsskyldigheten."),
                P(DataCategory.ActivityLevel, Requirement.Permitted, documentation, "Besöksstatistik får föras."),
                P(DataCategory.FollowUpAndClosure, Requirement.NotRequired, documentation, "Serviceinsatser följdes upp på verksamhetsnivå."),
            ],
            _ =>
            [
                P(DataCategory.Identity, Requirement.Required, documentation, Note("Handläggning och genomförande dokumenteras, med uppgift om vem det gäller.")),
                P(DataCategory.PersonalCircumstances, Requirement.Permitted, documentation,
                    Note("Får dokumenteras i den mån det är tillräckligt, väsentligt och ändamålsenligt för insatsen.")),
                ActivityLevel(day),
                P(DataCategory.FollowUpAndClosure, iv.FollowUpMode == FollowUpMode.Individual || why is not null ? Requirement.Required : Requirement.Permitted, documentation,
                    Note("Uppföljning: när och hur, den enskildes syn, standardiserade metoder, nämndens bedömningar och åtgärder; avslut: när och varför.")),
            ],
        };
    }

    public static Requirement Of(IReadOnlyList<CategoryPolicy> policies, DataCategory category) =>
        policies.FirstOrDefault(p => p.Category == category)?.Requirement ?? Requirement.Unspecified;

    private static CategoryPolicy ActivityLevel(DateOnly day) => P(DataCategory.ActivityLevel, Requirement.Required, Statute.CitationOn(Rule.Documentation, day),
        "Antal deltagare, ålder och kön, avidentifierat mående och social situation vid start och avslut, problem under genomförandet och skäl till avbrott dokumenteras alltid.");

    private static CategoryPolicy P(DataCategory category, Requirement requirement, string basis, string explanation) =>
        new() { Category = category, Requirement = requirement, Basis = basis, Explanation = explanation };
}

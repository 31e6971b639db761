using System.Runtime.CompilerServices;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

using Socialtjanst.Eligibility.Domain.Conditions;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// Decides whether the facts meet an insats' conditions, the statute's floor included. Pure and
/// deterministic: the same insats, facts and day always give the same decision. Each condition kind is
/// decided by its class in Conditions/; conditions are three-valued (met, not met, unknown) so a missing fact is asked for rather than guessed.
/// </summary>
public static class EligibilityEvaluator
{
    public static readonly string ConsentParagraph = Law.Statute.Cite(Law.Rule.ChildConsent, Law.Statute.NewActInForce)!.Citation;
    public static readonly DateOnly NewActInForce = Law.Statute.NewActInForce;

    private static readonly ConditionalWeakTable<Intervention, Compiled> Cache = new();

    public static EligibilityDecision Evaluate(Intervention iv, PersonFacts facts, DateOnly asOf, string municipalityName)
    {
        if (iv.Access != Access.Direct)
        {
            return new EligibilityDecision(Outcome.RequiresApplication,
                $"Insatsen ges efter ansökan och individuell behovsprövning. Du har alltid rätt att ansöka ({Law.Statute.CitationOn(Law.Rule.RightToApply, asOf)}).", [], []);
        }

        var compiled = Cache.TryGetValue(iv, out var cached) ? cached : CompileOnce(iv, municipalityName);
        // An array sized for the guideline's conditions and the statute's floor: one allocation.
        var outcomes = new ConditionOutcome[compiled.TopLevel.Length + 1];
        var count = 0;
        var overall = ConditionStatus.Met;
        foreach (var condition in compiled.TopLevel)
        {
            var (status, missing) = condition.Evaluate(facts);
            outcomes[count++] = condition.Outcome(status, missing);
            overall = And(overall, status);
        }

        // The statute is a floor (21 kap. 2 § SoL): whatever the guideline says, a child under 15
        // needs the guardian's consent, and so does a child of 15-17 unless the nämnd found the
        // insats suitable without it. It applies from the day the new act entered into force.
        var usesAge = compiled.Uses.Contains(UncertainFact.Age);
        var usesGuardian = compiled.Uses.Contains(UncertainFact.Guardian);
        if (asOf >= NewActInForce && ConsentFloor(compiled, facts) is { } floor)
        {
            outcomes[count++] = floor;
            overall = And(overall, floor.Status);
            usesAge = true;
            usesGuardian |= !(facts.Person.Age >= 15 && SuitableFrom15(iv));
        }

        IReadOnlyList<ConditionOutcome> conditions = count == outcomes.Length ? outcomes : outcomes[..count];
        if (IsUncertain(compiled, facts, usesAge, usesGuardian))
        {
            return new EligibilityDecision(Outcome.ReferToCommittee,
                "Kontrollen av uppgifterna är osäker. Vänd dig till socialnämnden, som prövar saken.", conditions, []);
        }

        return overall switch
        {
            ConditionStatus.Met => new EligibilityDecision(Outcome.Eligible,
                "Du uppfyller villkoren och kan ta del av insatsen direkt, utan att ansöka.", conditions, []),
            ConditionStatus.NotMet => new EligibilityDecision(Outcome.NotEligible,
                "Du uppfyller inte alla villkor för att ta del av insatsen direkt. Du kan alltid ansöka om insatser hos socialnämnden.", conditions, []),
            _ => new EligibilityDecision(Outcome.Undetermined,
                "Det saknas uppgifter för att avgöra om villkoren är uppfyllda.", conditions,
                conditions.Where(o => o.Status == ConditionStatus.Unknown).SelectMany(o => o.MissingFacts).Distinct().ToArray()),
        };
    }

    private static Compiled CompileOnce(Intervention iv, string municipalityName) => Cache.GetValue(iv, i => Compile(i, municipalityName));

    private const string FloorDescription = "Vårdnadshavarens samtycke för barn";

    // The floor's outcomes depend on nothing but which case applies: made once.
    private static readonly ConditionOutcome FloorAgeUnknown = new(FloorDescription, ConditionStatus.Unknown,
        "Ålder behövs: barn under 15 år, och barn 15–17 år om insatsen inte bedömts lämplig utan samtycke, behöver vårdnadshavarens samtycke.",
        ConsentParagraph, ["facts.age"]);

    // Where the nämnd's judgement decides the outcome, the answer cites where it decided, not the statute alone: the
    // paragraph, the guideline's section and the nämnd's decision (issue 29).
    private static ConditionOutcome? SuitableFrom15Outcome(Intervention iv) => SuitableFrom15(iv)
        ? new(FloorDescription, ConditionStatus.Met,
            "Barn som fyllt 15 år får ta del av insatsen utan vårdnadshavarens samtycke; nämnden har bedömt insatsen lämplig för det.",
            SuitabilityCitation(iv), [])
        : null;

    /// <summary>"21 kap. 2 § SoL; nämndens bedömning: Riktlinje öppenvård, avsnitt 20.2.1 (Socialnämnden i Kalix kommun, beslut …)".</summary>
    public static string SuitabilityCitation(Intervention iv) =>
        $"{ConsentParagraph}; nämndens bedömning: {(iv.SourceReference.Length > 0 ? iv.SourceReference : "riktlinjen")}" +
        (iv.CommitteeDecisionReference.Length > 0 ? $" ({iv.CommitteeDecisionReference})" : "");

    private static readonly ConditionOutcome FloorConsented = new(FloorDescription, ConditionStatus.Met, "Vårdnadshavaren har samtyckt.", ConsentParagraph, []);

    private static readonly ConditionOutcome FloorRefused = new(FloorDescription, ConditionStatus.NotMet,
        "Barnet behöver vårdnadshavarens samtycke för att ta del av insatsen utan behovsprövning.", ConsentParagraph, []);

    private static readonly ConditionOutcome FloorConsentUnknown = new(FloorDescription, ConditionStatus.Unknown,
        "Barnet behöver vårdnadshavarens samtycke; det är inte angivet om det finns.", ConsentParagraph, ["facts.guardian_consent"]);

    // Interpretation: an insats whose conditions read the child's facts is directed to parents and used by the
    // parent, a guardian. The floor is about a child using an insats itself, so a parent is not asked for their
    // age or a guardian's consent; a parent who says they are under 18 meets the floor as any child does.
    private static ConditionOutcome? ConsentFloor(Compiled compiled, PersonFacts facts) => facts.Person.Age switch
    {
        >= 18 => null,
        null when compiled.ParentDirected => null,
        null => FloorAgeUnknown,
        >= 15 when compiled.Suitable is { } suitable => suitable,
        _ => facts.GuardianConsent switch
        {
            true => FloorConsented,
            false => FloorRefused,
            null => FloorConsentUnknown,
        },
    };

    /// <summary>The nämnd's judgement counts only with its source; without one the statute's default applies (consent required).</summary>
    public static bool SuitableFrom15(Intervention iv) => iv.SuitableFrom15WithoutConsent && !string.IsNullOrWhiteSpace(iv.SuitabilitySource);

    private static bool IsUncertain(Compiled compiled, PersonFacts facts, bool usesAge, bool usesGuardian)
    {
        if (facts.Uncertain.Count == 0 && facts.UncertainAttestedFacts.Count == 0)
        {
            return false;
        }

        foreach (var u in facts.Uncertain)
        {
            var relevant = u switch
            {
                UncertainFact.Identity => true,
                UncertainFact.Age => usesAge,
                UncertainFact.Guardian => usesGuardian,
                _ => compiled.Uses.Contains(u),
            };
            if (relevant)
            {
                return true;
            }
        }

        return facts.UncertainAttestedFacts.Any(compiled.FactCodes.Contains);
    }

    private static ConditionStatus And(ConditionStatus a, ConditionStatus b) => ConditionNode.And(a, b);

    /// <summary>
    /// What a portal asks for before checking the insats: each Facts field its conditions read (found by
    /// deciding each condition on no facts: every one then names what it reads) and the statute's floor,
    /// with the condition it decides, its source, and when it matters only in some cases.
    /// </summary>
    public static IEnumerable<(string Field, string Condition, string Source, string OnlyWhen)> Asks(Intervention iv, DateOnly asOf, string municipalityName)
    {
        if (iv.Access != Access.Direct)
        {
            yield break;
        }

        var compiled = Cache.TryGetValue(iv, out var cached) ? cached : CompileOnce(iv, municipalityName);
        foreach (var condition in compiled.TopLevel)
        {
            foreach (var field in condition.Evaluate(PersonFacts.None).Missing.Distinct())
            {
                yield return (field, condition.Description, condition.Source, "");
            }
        }

        // A parent is asked about consent only when the conditions ask their age anyway: a parent under 18 meets the floor.
        if (asOf >= NewActInForce && (!compiled.ParentDirected || compiled.Uses.Contains(UncertainFact.Age)))
        {
            if (!compiled.ParentDirected)
            {
                yield return ("facts.age", FloorDescription, ConsentParagraph, "");
            }

            yield return ("facts.guardian_consent", FloorDescription, SuitableFrom15(iv) ? SuitabilityCitation(iv) : ConsentParagraph, SuitableFrom15(iv) ? "Om du är under 15 år" : "Om du är under 18 år");
        }
    }

    /// <summary>The attested facts an insats' conditions read, each with its description in the catalog's words.</summary>
    public static IReadOnlyDictionary<string, AttestedFact> Facts(Intervention iv, string municipalityName) =>
        (Cache.TryGetValue(iv, out var cached) ? cached : CompileOnce(iv, municipalityName)).Facts;

    /// <summary>An insats' conditions prepared once per catalog version: texts and the facts they use.</summary>
    private sealed record Compiled(ConditionNode[] TopLevel, HashSet<UncertainFact> Uses, HashSet<string> FactCodes, Dictionary<string, AttestedFact> Facts, ConditionOutcome? Suitable)
    {
        /// <summary>Directed to parents: its conditions read the child's facts.</summary>
        public bool ParentDirected { get; } = Uses.Contains(UncertainFact.ChildAge) || Uses.Contains(UncertainFact.ChildRegistration) || Uses.Contains(UncertainFact.ChildSchool);
    }

    private static Compiled Compile(Intervention iv, string municipalityName)
    {
        var building = new ConditionBuilding(iv, municipalityName);
        var roots = iv.Conditions switch
        {
            null => [],
            { KindCase: Condition.KindOneofCase.All } all => all.All.Conditions.ToArray(),
            var single => new[] { single },
        };
        var top = roots.Select(building.Build).ToArray();
        return new Compiled(top, building.Uses, building.FactCodes, building.Facts, SuitableFrom15Outcome(iv));
    }
}

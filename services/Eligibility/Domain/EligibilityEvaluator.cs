using System.Runtime.CompilerServices;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// Decides whether the facts meet an insats' conditions, the statute's floor included. Pure and
/// deterministic: the same insats, facts and day always give the same decision. Conditions are
/// three-valued (met, not met, unknown) so a missing fact is asked for rather than guessed.
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
        var usesAge = compiled.Uses.Contains(Fact.Age);
        var usesGuardian = compiled.Uses.Contains(Fact.Guardian);
        if (asOf >= NewActInForce && ConsentFloor(iv, facts) is { } floor)
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

    private static readonly ConditionOutcome FloorSuitableFrom15 = new(FloorDescription, ConditionStatus.Met,
        "Barn som fyllt 15 år får ta del av insatsen utan vårdnadshavarens samtycke; nämnden har bedömt insatsen lämplig för det.",
        ConsentParagraph, []);

    private static readonly ConditionOutcome FloorConsented = new(FloorDescription, ConditionStatus.Met, "Vårdnadshavaren har samtyckt.", ConsentParagraph, []);

    private static readonly ConditionOutcome FloorRefused = new(FloorDescription, ConditionStatus.NotMet,
        "Barnet behöver vårdnadshavarens samtycke för att ta del av insatsen utan behovsprövning.", ConsentParagraph, []);

    private static readonly ConditionOutcome FloorConsentUnknown = new(FloorDescription, ConditionStatus.Unknown,
        "Barnet behöver vårdnadshavarens samtycke; det är inte angivet om det finns.", ConsentParagraph, ["facts.guardian_consent"]);

    private static ConditionOutcome? ConsentFloor(Intervention iv, PersonFacts facts) => facts.Person.Age switch
    {
        >= 18 => null,
        null => FloorAgeUnknown,
        >= 15 when SuitableFrom15(iv) => FloorSuitableFrom15,
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
                UncertainFact.Registration => compiled.Uses.Contains(Fact.Registration),
                UncertainFact.School => compiled.Uses.Contains(Fact.School),
                UncertainFact.Guardian => usesGuardian,
                UncertainFact.ChildAge => compiled.Uses.Contains(Fact.ChildAge),
                UncertainFact.ChildRegistration => compiled.Uses.Contains(Fact.ChildRegistration),
                UncertainFact.ChildSchool => compiled.Uses.Contains(Fact.ChildSchool),
                _ => false,
            };
            if (relevant)
            {
                return true;
            }
        }

        return facts.UncertainAttestedFacts.Any(compiled.FactCodes.Contains);
    }

    private static ConditionStatus And(ConditionStatus a, ConditionStatus b) =>
        a == ConditionStatus.NotMet || b == ConditionStatus.NotMet ? ConditionStatus.NotMet
        : a == ConditionStatus.Unknown || b == ConditionStatus.Unknown ? ConditionStatus.Unknown
        : ConditionStatus.Met;

    private static ConditionStatus Or(ConditionStatus a, ConditionStatus b) =>
        a == ConditionStatus.Met || b == ConditionStatus.Met ? ConditionStatus.Met
        : a == ConditionStatus.Unknown || b == ConditionStatus.Unknown ? ConditionStatus.Unknown
        : ConditionStatus.NotMet;

    private enum Fact
    {
        Age,
        Registration,
        School,
        Guardian,
        ChildAge,
        ChildRegistration,
        ChildSchool,
        Attested,
    }

    /// <summary>An insats' conditions prepared once per catalog version: texts and the facts they use.</summary>
    private sealed record Compiled(Node[] TopLevel, HashSet<Fact> Uses, HashSet<string> FactCodes);

    private static Compiled Compile(Intervention iv, string municipalityName)
    {
        var uses = new HashSet<Fact>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var roots = iv.Conditions switch
        {
            null => [],
            { KindCase: Condition.KindOneofCase.All } all => all.All.Conditions.ToArray(),
            var single => new[] { single },
        };
        var top = roots.Select(c => Build(c, iv, municipalityName, uses, codes)).ToArray();
        return new Compiled(top, uses, codes);
    }

    private static Node Build(Condition c, Intervention iv, string municipalityName, HashSet<Fact> uses, HashSet<string> codes)
    {
        // The guideline's section; its exact wording of each condition stays in the catalog (source_text).
        var source = iv.SourceReference;
        switch (c.KindCase)
        {
            case Condition.KindOneofCase.All:
            case Condition.KindOneofCase.Any:
                var isAll = c.KindCase == Condition.KindOneofCase.All;
                var children = (isAll ? c.All : c.Any).Conditions.Select(x => Build(x, iv, municipalityName, uses, codes)).ToArray();
                var text = string.Join(isAll ? " och " : " eller ", children.Select((x, n) => n == 0 ? x.Description : char.ToLowerInvariant(x.Description[0]) + x.Description[1..]));
                return new CompositeNode(text, source, children, isAll);
            case Condition.KindOneofCase.Not:
                var inner = Build(c.Not, iv, municipalityName, uses, codes);
                return new NotNode($"inte: {inner.Description}", source, inner);
            case Condition.KindOneofCase.Age:
                var child = c.Age.Subject == Subject.Child;
                uses.Add(child ? Fact.ChildAge : Fact.Age);
                return new AgeNode(AgeText(c.Age, child), source, child, c.Age.HasMinYears ? c.Age.MinYears : null, c.Age.HasMaxYears ? c.Age.MaxYears : null);
            case Condition.KindOneofCase.Registered:
                var childReg = c.Registered.Subject == Subject.Child;
                uses.Add(childReg ? Fact.ChildRegistration : Fact.Registration);
                var where = Kommun(c.Registered.MunicipalityCode, iv, municipalityName);
                return new RegistrationNode(childReg ? $"Barnet är folkbokfört i {where}" : $"Folkbokförd i {where}", source, childReg, c.Registered.MunicipalityCode);
            case Condition.KindOneofCase.SchoolEnrolment:
                var childSchool = c.SchoolEnrolment.Subject == Subject.Child;
                uses.Add(childSchool ? Fact.ChildSchool : Fact.School);
                var forms = c.SchoolEnrolment.SchoolForms.Length > 0 ? $" ({c.SchoolEnrolment.SchoolForms})" : "";
                var school = Kommun(c.SchoolEnrolment.MunicipalityCode, iv, municipalityName);
                return new SchoolNode(childSchool ? $"Barnet går i skola{forms} i {school}" : $"Går i skola{forms} i {school}", source, childSchool, c.SchoolEnrolment.MunicipalityCode);
            case Condition.KindOneofCase.GuardianConsent:
                uses.Add(Fact.Guardian);
                return new GuardianNode("Vårdnadshavarens samtycke", source, Consent: true);
            case Condition.KindOneofCase.GuardianInformed:
                uses.Add(Fact.Guardian);
                return new GuardianNode("Vårdnadshavaren har informerats", source, Consent: false);
            case Condition.KindOneofCase.AttestedFact:
                uses.Add(Fact.Attested);
                codes.Add(c.AttestedFact.Code);
                return new FactNode(c.AttestedFact.Description, source, c.AttestedFact.Code);
            default:
                // The Catalog never accepts a condition without a kind; unknown is the safe reading.
                return new FactNode("Okänt villkor", source, "");
        }
    }

    private static string Kommun(string code, Intervention iv, string municipalityName) =>
        iv.Name.StartsWith($"municipalities/{code}/", StringComparison.Ordinal) && municipalityName.Length > 0 ? municipalityName : $"kommun {code}";

    private static string AgeText(AgeRange r, bool child)
    {
        var who = child ? "Barnets ålder" : "Ålder";
        return (r.HasMinYears, r.HasMaxYears) switch
        {
            (true, true) => $"{who} {r.MinYears}–{r.MaxYears} år",
            (true, false) => $"{who} från {r.MinYears} år",
            _ => $"{who} högst {r.MaxYears} år",
        };
    }

    private abstract record Node(string Description, string Source)
    {
        private readonly ConditionOutcome?[] known = new ConditionOutcome?[3];

        public abstract (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts);

        /// <summary>The outcome for a status; met and not met are made once per node, as they carry no missing facts.</summary>
        public ConditionOutcome Outcome(ConditionStatus status, IReadOnlyList<string> missing) =>
            status == ConditionStatus.Unknown
                ? new ConditionOutcome(Description, status, Explain(status), Source, missing)
                : known[(int)status] ??= new ConditionOutcome(Description, status, Explain(status), Source, []);

        public virtual string Explain(ConditionStatus status) => status switch
        {
            ConditionStatus.Met => "Villkoret är uppfyllt.",
            ConditionStatus.NotMet => "Villkoret är inte uppfyllt.",
            _ => "Uppgifter saknas för att pröva villkoret.",
        };

        protected static (ConditionStatus, IReadOnlyList<string>) Known(bool met) => (met ? ConditionStatus.Met : ConditionStatus.NotMet, []);

        protected static (ConditionStatus, IReadOnlyList<string>) Missing(string field) => (ConditionStatus.Unknown, [field]);
    }

    private sealed record CompositeNode(string Description, string Source, Node[] Children, bool IsAll) : Node(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var status = IsAll ? ConditionStatus.Met : ConditionStatus.NotMet;
            List<string>? missing = null;
            foreach (var child in Children)
            {
                var (s, m) = child.Evaluate(facts);
                status = IsAll ? And(status, s) : Or(status, s);
                if (s == ConditionStatus.Unknown)
                {
                    (missing ??= []).AddRange(m);
                }
            }

            return (status, status == ConditionStatus.Unknown && missing is not null ? missing : []);
        }
    }

    private sealed record NotNode(string Description, string Source, Node Inner) : Node(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var (s, m) = Inner.Evaluate(facts);
            return s switch
            {
                ConditionStatus.Met => (ConditionStatus.NotMet, []),
                ConditionStatus.NotMet => (ConditionStatus.Met, []),
                _ => (s, m),
            };
        }
    }

    private sealed record AgeNode(string Description, string Source, bool Child, int? Min, int? Max) : Node(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var age = (Child ? facts.Child : facts.Person).Age;
            return age is { } a ? Known((Min is null || a >= Min) && (Max is null || a <= Max)) : Missing(Child ? "facts.child.age" : "facts.age");
        }

        public override string Explain(ConditionStatus status) => status switch
        {
            ConditionStatus.Met => Child ? "Barnets ålder uppfyller villkoret." : "Åldern uppfyller villkoret.",
            ConditionStatus.NotMet => Child ? "Barnets ålder uppfyller inte villkoret." : "Åldern uppfyller inte villkoret.",
            _ => Child ? "Barnets ålder är inte angiven." : "Ålder är inte angiven.",
        };
    }

    private sealed record RegistrationNode(string Description, string Source, bool Child, string Code) : Node(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var registered = (Child ? facts.Child : facts.Person).RegisteredMunicipality;
            return registered is null
                ? Missing(Child ? "facts.child.registered_municipality_code" : "facts.registered_municipality_code")
                : Known(registered == Code);
        }

        public override string Explain(ConditionStatus status) => status switch
        {
            ConditionStatus.Met => "Folkbokföringen uppfyller villkoret.",
            ConditionStatus.NotMet => "Folkbokföringen uppfyller inte villkoret.",
            _ => "Det är inte angivet var folkbokföringen finns.",
        };
    }

    private sealed record SchoolNode(string Description, string Source, bool Child, string Code) : Node(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var school = (Child ? facts.Child : facts.Person).SchoolMunicipality;
            return school is null
                ? Missing(Child ? "facts.child.school_municipality_code" : "facts.school_municipality_code")
                : Known(school == Code);
        }
    }

    private sealed record GuardianNode(string Description, string Source, bool Consent) : Node(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts)
        {
            var value = Consent ? facts.GuardianConsent : facts.GuardianInformed;
            return value is { } v ? Known(v) : Missing(Consent ? "facts.guardian_consent" : "facts.guardian_informed");
        }
    }

    private sealed record FactNode(string Description, string Source, string Code) : Node(Description, Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts) =>
            facts.AttestedFacts.Contains(Code) ? Known(true)
            : facts.DeniedFacts.Contains(Code) ? Known(false)
            : Missing($"facts.attested_facts:{Code}");
    }
}

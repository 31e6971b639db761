using System.Text.RegularExpressions;
using Socialtjanst.Catalog.Domain.Conditions;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;
using Socialtjanst.Law;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// What makes an insats well-formed and lawful. Pure: every check here is a function of the insats
/// alone. Field problems are INVALID_ARGUMENT; legal problems are FAILED_PRECONDITION and cite
/// the paragraph; findings are accepted but shown to the kommun.
/// </summary>
public static partial class InterventionRules
{
    /// <summary>The day SoL (2025:400) entered into force.</summary>
    public static readonly DateOnly NewActInForce = Statute.NewActInForce;

    // The paragraphs the catalog's rules apply, as the act in force from 1 July 2025 numbers them (the law library).
    private static string Cites(Rule rule) => Statute.CitationOn(rule, Statute.NewActInForce);

    public const int MaxConditionDepth = 8;

    // 11 kap. 5 § SoL: insatser that may never be given without individual needs assessment.
    private static readonly Dictionary<InterventionKind, string> ExcludedFromDirectAccess = new()
    {
        [InterventionKind.ContactPerson] = "Kontaktperson, kontaktfamilj och kvalificerad kontaktperson",
        [InterventionKind.FamilyHomeCare] = "Vård i familjehem",
        [InterventionKind.LvmOrSpecialYouthHome] = "Vård i LVM-hem och särskilda ungdomshem",
        [InterventionKind.YouthResidentialCare] = "Vård av barn och unga upp till 21 år i jourhem, stödboende, skyddat boende och andra hem för vård eller boende",
        [InterventionKind.SpecialHousing] = "Bostad i boende för äldre eller för personer med funktionsnedsättning",
        [InterventionKind.OtherResidentialCare] = "Vård i hem för viss annan heldygnsvård",
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    public static partial Regex IdPattern();

    /// <summary>Field problems, each named by its path under <paramref name="prefix"/>.</summary>
    public static List<FieldProblem> Validate(Intervention iv, string prefix)
    {
        var problems = new List<FieldProblem>();
        void Add(string field, string text) => problems.Add(new FieldProblem(prefix + field, text));

        Text(iv.DisplayName, "display_name", 200, required: true);
        Text(iv.Content, "content", 20_000, required: false);
        Text(iv.Description, "description", 400, required: false);
        foreach (var (field, message) in Contacts.Problems(iv.Contact, "contact."))
        {
            Add(field, message);
        }

        Text(iv.TargetGroup, "target_group", 4_000, required: false);
        Text(iv.SpecialGrounds, "special_grounds", 4_000, required: false);
        Text(iv.CommitteeDecisionReference, "committee_decision_reference", 300, required: false);
        Text(iv.SourceReference, "source_reference", 300, required: false);
        Defined(iv.Access, "access", required: true);
        Defined(iv.Kind, "kind", required: true);
        Defined(iv.Delivery, "delivery", required: false);
        Defined(iv.IntensityLevel, "intensity_level", required: false);
        Defined(iv.DocumentationBasis, "documentation_basis", required: true);
        Defined(iv.FollowUpMode, "follow_up_mode", required: true);
        if (iv.MaxSessions is < 0 or > 1000)
        {
            Add("max_sessions", "Antalet tillfällen ska vara 0–1000.");
        }

        var from = DateField(iv.ValidFrom, "valid_from", required: true);
        var to = DateField(iv.ValidTo, "valid_to", required: false);
        if (from is { } f && to is { } t && t < f)
        {
            Add("valid_to", "Sista giltighetsdag ligger före första.");
        }

        if (iv.Conditions is not null)
        {
            new ConditionChecking(problems).Check(iv.Conditions, prefix + "conditions");
        }

        return problems;

        void Text(string value, string field, int max, bool required)
        {
            if (required && string.IsNullOrWhiteSpace(value))
            {
                Add(field, "Fältet krävs.");
            }
            else if (value.Length > max)
            {
                Add(field, $"Högst {max} tecken.");
            }
        }

        void Defined<TEnum>(TEnum value, string field, bool required) where TEnum : struct, Enum
        {
            if (!Enum.IsDefined(value))
            {
                Add(field, "Okänt värde.");
            }
            else if (required && Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                Add(field, "Fältet krävs.");
            }
        }

        DateOnly? DateField(Type.V1.Date? date, string field, bool required)
        {
            if (date is null)
            {
                if (required)
                {
                    Add(field, "Fältet krävs.");
                }

                return null;
            }

            try
            {
                return date.ToDateOnly(prefix + field);
            }
            catch (Problem)
            {
                Add(field, "Datumet finns inte.");
                return null;
            }
        }
    }

    /// <summary>The legal rules a write must not break, each citing its paragraph.</summary>
    public static List<RuleProblem> LegalProblems(Intervention iv, string prefix)
    {
        var problems = new List<RuleProblem>();
        var direct = iv.Access == Access.Direct;

        if (direct && ExcludedFromDirectAccess.TryGetValue(iv.Kind, out var excluded))
        {
            problems.Add(new RuleProblem(Cites(Rule.DirectAccess), prefix + "kind",
                $"{excluded} får inte tillhandahållas utan individuell behovsprövning."));
        }

        if (direct && iv.Kind == InterventionKind.EconomicAssistance)
        {
            problems.Add(new RuleProblem(Cites(Rule.DirectAccess), prefix + "kind",
                "Insatser för ekonomiska behov (ekonomiskt bistånd) kan inte tillhandahållas utan individuell behovsprövning."));
        }

        if (direct && string.IsNullOrWhiteSpace(iv.CommitteeDecisionReference))
        {
            problems.Add(new RuleProblem(Cites(Rule.DirectAccess), prefix + "committee_decision_reference",
                "En insats utan individuell behovsprövning kräver att socialnämnden har beslutat om den; ange nämndbeslutet."));
        }

        if (iv.DocumentationBasis == DocumentationBasis.IdentityExemption)
        {
            if (!direct)
            {
                problems.Add(new RuleProblem(Cites(Rule.IdentityExemption), prefix + "documentation_basis",
                    "Undantag för uppgifter som kan röja identiteten får bara gälla en insats utan individuell behovsprövning."));
            }

            if (string.IsNullOrWhiteSpace(iv.SpecialGrounds))
            {
                problems.Add(new RuleProblem(Cites(Rule.IdentityExemption), prefix + "special_grounds",
                    "Undantag för uppgifter som kan röja identiteten kräver att nämnden angett särskilda skäl."));
            }
        }

        if (iv.DocumentationBasis == DocumentationBasis.CounsellingExemption && iv.Kind == InterventionKind.MeetingPlace)
        {
            problems.Add(new RuleProblem(Cites(Rule.CounsellingExemption), prefix + "documentation_basis",
                "En mötesplats eller öppen verksamhet för social samvaro är inte rådgivning; undantaget gäller bara rådgivning."));
        }

        if (iv.DocumentationBasis == DocumentationBasis.Pre2025Service &&
            (iv.ValidTo is null || (iv.ValidTo.ToDateOnly("valid_to") is { } to && to >= NewActInForce)))
        {
            problems.Add(new RuleProblem(Cites(Rule.Documentation), prefix + "documentation_basis",
                $"Från den {Statute.InWords(NewActInForce)} ska genomförandet av alla insatser dokumenteras; serviceinsatser utan dokumentation kan inte gälla efter {Statute.InWords(NewActInForce.AddDays(-1))}."));
        }

        return problems;
    }

    /// <summary>Accepted but flagged: wording the kommun should fix, where the statute still applies.</summary>
    public static List<Finding> Findings(Intervention iv)
    {
        var findings = new List<Finding>();
        void Flag(string code, string paragraph, string field, string message) =>
            findings.Add(new Finding { Code = code, Paragraph = paragraph, Field = field, Message = message });

        if (iv.Access == Access.Direct && iv.Conditions is not null &&
            Contains(iv.Conditions, Condition.KindOneofCase.GuardianInformed) &&
            !Contains(iv.Conditions, Condition.KindOneofCase.GuardianConsent))
        {
            Flag("guardian-informed-weaker-than-consent", Cites(Rule.ChildConsent), "conditions",
                "Villkoret kräver att vårdnadshavaren informeras, men lagen kräver vårdnadshavarens samtycke för barn under 15 år " +
                    "(och för barn 15–17 år om nämnden inte funnit insatsen lämplig utan samtycke). Lagens krav gäller ändå vid varje prövning.");
        }

        if (iv.Access == Access.Direct && (iv.Conditions is null || !Contains(iv.Conditions, Condition.KindOneofCase.Age)) && NamesAnAge(iv.TargetGroup))
        {
            Flag("target-group-age-not-a-condition", Cites(Rule.DirectAccess), "conditions",
                "Målgruppen anger en ålder som inte är ett villkor; insatsen står därför öppen för alla åldrar som uppfyller villkoren " +
                    "(för barn gäller lagens krav på samtycke). Besluta om åldern ska vara ett villkor.");
        }

        if (iv.SuitableFrom15WithoutConsent && string.IsNullOrWhiteSpace(iv.SuitabilitySource))
        {
            Flag("suitability-without-source", Cites(Rule.ChildConsent), "suitability_source",
                "Insatsen anges som lämplig för barn som fyllt 15 år utan vårdnadshavarens samtycke, men det framgår inte var nämnden " +
                    "har bedömt det (riktlinjens formulering och avsnitt eller nämndbeslutet). Till dess gäller lagens huvudregel: samtycke krävs.");
        }

        if (iv.DocumentationBasis == DocumentationBasis.CounsellingExemption &&
            iv.Kind is not (InterventionKind.Counselling or InterventionKind.MeetingPlace))
        {
            Flag("counselling-exemption-on-non-counselling", Cites(Rule.CounsellingExemption), "documentation_basis",
                $"Undantaget i {Cites(Rule.CounsellingExemption)} gäller bara rådgivning. Insatsen är inte angiven som rådgivning; pröva om {Cites(Rule.IdentityExemption)} med särskilda skäl avses.");
        }

        if (iv.Access == Access.Direct && string.IsNullOrWhiteSpace(iv.Description))
        {
            Flag("description-missing", Cites(Rule.DirectAccess), "description",
                "Insatsen saknar en kort beskrivning på lätt svenska. Den som använder kommunens e-tjänst ser då bara namnet och vet inte vad insatsen är.");
        }

        findings.AddRange(Interpretations.Unconfirmed(iv.Interpretations, ""));
        findings.AddRange(Interpretations.QuotesThatDoNotMatch(iv.Conditions));
        return findings;
    }

    /// <summary>
    /// What of an insats' rules (who may use it and how it is documented and followed up) a new version changes while
    /// naming the same nämnd decision as the version it replaces, or null: a changed rule needs a decision behind it.
    /// </summary>
    public static string? RulesChangedUnderSameDecision(Intervention before, Intervention after)
    {
        if (before.CommitteeDecisionReference != after.CommitteeDecisionReference)
        {
            return null;
        }

        var changed = new List<string>();
        if (!Equals(before.Conditions, after.Conditions))
        {
            changed.Add("Villkoren");
        }

        if (before.Access != after.Access)
        {
            changed.Add("Tillgången");
        }

        if (before.SuitableFrom15WithoutConsent != after.SuitableFrom15WithoutConsent)
        {
            changed.Add("Lämpligheten utan samtycke från 15 år");
        }

        if (before.DocumentationBasis != after.DocumentationBasis)
        {
            changed.Add("Dokumentationsgrunden");
        }

        if (before.FollowUpMode != after.FollowUpMode)
        {
            changed.Add("Uppföljningen");
        }

        return changed.Count == 0 ? null : string.Join(", ", changed);
    }

    /// <summary>Does a target group name an age ("Vuxna från 18 år", "barn 0–6 år", "Vuxna personer")?</summary>
    private static bool NamesAnAge(string targetGroup)
    {
        var text = targetGroup.AsSpan();
        if (text.Contains("vuxna", StringComparison.OrdinalIgnoreCase) && !text.Contains("barn", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("unga", StringComparison.OrdinalIgnoreCase))
        {
            return true; // "Vuxna personer", not "Barn, unga och vuxna" (everyone)
        }

        for (var i = 0; i + 3 < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && text[(i + 1)..].TrimStart("0123456789 –-").StartsWith("år", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Contains(Condition c, Condition.KindOneofCase kind) => c.KindCase switch
    {
        _ when c.KindCase == kind => true,
        Condition.KindOneofCase.All => c.All.Conditions.Any(x => Contains(x, kind)),
        Condition.KindOneofCase.Any => c.Any.Conditions.Any(x => Contains(x, kind)),
        Condition.KindOneofCase.Not => Contains(c.Not, kind),
        _ => false,
    };

    /// <summary>The first and last day in force; last is null when open-ended.</summary>
    public static (DateOnly From, DateOnly? To) Period(Intervention iv) =>
        (iv.ValidFrom.ToDateOnly("valid_from")!.Value, iv.ValidTo.ToDateOnly("valid_to"));

    public static bool InForce(DateOnly from, DateOnly? to, DateOnly day) => Validity.InForceOn(day, from, to);

    public static bool Overlaps((DateOnly From, DateOnly? To) a, (DateOnly From, DateOnly? To) b) =>
        a.From <= (b.To ?? DateOnly.MaxValue) && b.From <= (a.To ?? DateOnly.MaxValue);
}

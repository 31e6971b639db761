using Socialtjanst.Catalog.Domain.Conditions;
using Socialtjanst.Catalog.V1;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// Reads the YAML catalog format of services/Catalog/catalogs (documented in its README): a
/// format a kommun's jurists can review line by line. Pure; every problem names its path.
/// </summary>
public static class CatalogFileReader
{
    public const int MaxInterventions = 500;

    internal static readonly Dictionary<string, Access> Accesses = new()
    {
        ["direct"] = Access.Direct,
        ["needs_assessed"] = Access.NeedsAssessed,
    };

    internal static readonly Dictionary<string, InterventionKind> Kinds = new()
    {
        ["counselling"] = InterventionKind.Counselling,
        ["support"] = InterventionKind.Support,
        ["treatment"] = InterventionKind.Treatment,
        ["meeting_place"] = InterventionKind.MeetingPlace,
        ["contact_person"] = InterventionKind.ContactPerson,
        ["family_home_care"] = InterventionKind.FamilyHomeCare,
        ["lvm_or_special_youth_home"] = InterventionKind.LvmOrSpecialYouthHome,
        ["youth_residential_care"] = InterventionKind.YouthResidentialCare,
        ["special_housing"] = InterventionKind.SpecialHousing,
        ["other_residential_care"] = InterventionKind.OtherResidentialCare,
        ["economic_assistance"] = InterventionKind.EconomicAssistance,
    };

    internal static readonly Dictionary<string, Delivery> Deliveries = new()
    {
        ["individual"] = Delivery.Individual,
        ["group"] = Delivery.Group,
        ["individual_or_group"] = Delivery.IndividualOrGroup,
    };

    internal static readonly Dictionary<string, IntensityLevel> Levels = new()
    {
        ["service"] = IntensityLevel.Service,
        ["outpatient"] = IntensityLevel.Outpatient,
        ["intensive"] = IntensityLevel.Intensive,
    };

    internal static readonly Dictionary<string, DocumentationBasis> Bases = new()
    {
        ["14:3"] = DocumentationBasis.Full,
        ["14:4"] = DocumentationBasis.CounsellingExemption,
        ["14:5"] = DocumentationBasis.IdentityExemption,
        ["pre-2025-service"] = DocumentationBasis.Pre2025Service,
    };

    internal static readonly Dictionary<string, FollowUpMode> FollowUps = new()
    {
        ["individual"] = FollowUpMode.Individual,
        ["activity_level"] = FollowUpMode.ActivityLevel,
    };

    public static (CatalogFile? File, List<ImportIssue> Errors) Read(string yaml)
    {
        var errors = new List<ImportIssue>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode m)
            {
                errors.Add(Issue("", "", "Filen ska innehålla ett YAML-dokument med en mappning överst."));
                return (null, errors);
            }

            root = m;
        }
        catch (YamlException ex)
        {
            // Position only: the parser's message can quote the file's text.
            errors.Add(Issue("", "", $"Filen är inte giltig YAML (rad {ex.Start.Line}, kolumn {ex.Start.Column})."));
            return (null, errors);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input instead of a YamlException.
            errors.Add(Issue("", "", "Filen är inte giltig YAML."));
            return (null, errors);
        }

        var ctx = new ImportContext(errors, "");
        var file = new YamlMap(root, "", ctx);
        file.Allow("municipality", "source", "committee_decision_reference", "valid_from", "valid_to", "rules", "interventions");
        var municipality = file.Map("municipality", required: true);
        var code = municipality?.Str("code", required: true) ?? "";
        var name = municipality?.Str("name", required: true) ?? "";
        municipality?.Allow("code", "name");
        if (code.Length > 0 && !CatalogNames.IsMunicipalityCode(code))
        {
            errors.Add(Issue("", "municipality.code", "Kommunkoden ska vara fyra siffror."));
        }

        var decision = file.Str("committee_decision_reference") ?? "";
        var validFrom = file.Date("valid_from", required: true);
        var validTo = file.Date("valid_to");

        MunicipalityRules? rules = null;
        if (file.Map("rules") is { } r)
        {
            r.Allow("follow_up_interval_months", "extensive_needs_first_follow_up_months",
                "extensive_needs_follow_up_interval_months", "execution_limit_months", "information_text",
                "committee_decision_reference", "valid_from", "valid_to", "source_reference", "interpretations", "contact");
            rules = new MunicipalityRules
            {
                Name = CatalogNames.Rules(code),
                MunicipalityDisplayName = name,
                FollowUpIntervalMonths = r.Int("follow_up_interval_months", 0, 60) ?? 0,
                ExtensiveNeedsFirstFollowUpMonths = r.Int("extensive_needs_first_follow_up_months", 0, 60) ?? 0,
                ExtensiveNeedsFollowUpIntervalMonths = r.Int("extensive_needs_follow_up_interval_months", 0, 60) ?? 0,
                ExecutionLimitMonths = r.Int("execution_limit_months", 1, 60, required: true) ?? 0,
                InformationText = r.Str("information_text", required: true) ?? "",
                CommitteeDecisionReference = r.Str("committee_decision_reference") ?? decision,
                ValidFrom = (r.Date("valid_from") ?? validFrom)?.ToProto(),
                ValidTo = (r.Date("valid_to") ?? validTo)?.ToProto(),
                SourceReference = r.Str("source_reference") ?? "",
                Interpretations = { Interpretations(r) },
                Contact = Contacts.Read(r, "contact"),
            };
            foreach (var (field, message) in Contacts.Problems(rules.Contact, "rules.contact."))
            {
                errors.Add(Issue("", field, message));
            }
        }

        var entries = new List<CatalogFileEntry>();
        var list = file.Seq("interventions", required: true);
        if (list is not null && list.Count > MaxInterventions)
        {
            errors.Add(Issue("", "interventions", $"Högst {MaxInterventions} insatser per fil."));
        }
        else if (list is not null)
        {
            var seen = new HashSet<(string, DateOnly?)>();
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"interventions[{i}]";
                if (list[i] is not YamlMappingNode node)
                {
                    errors.Add(Issue("", path, "Varje insats ska vara en mappning."));
                    continue;
                }

                var id = (node.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) ? (idNode as YamlScalarNode)?.Value : null) ?? "";
                var entry = ReadIntervention(new YamlMap(node, path + ".", ctx with { InterventionId = id }), code, decision, validFrom, validTo);
                if (!InterventionRules.IdPattern().IsMatch(id))
                {
                    errors.Add(Issue(id, path + ".id", "Id ska vara 2–63 tecken: gemener, siffror och bindestreck."));
                }
                else if (!seen.Add((id, entry.ValidFrom.ToDateOnly("valid_from"))))
                {
                    errors.Add(Issue(id, path + ".id", "Samma insats med samma första giltighetsdag finns redan i filen."));
                }

                entries.Add(new CatalogFileEntry(id, i, entry));
            }
        }

        return errors.Count == 0 ? (new CatalogFile(code, name, rules, entries), errors) : (null, errors);
    }

    private static Intervention ReadIntervention(YamlMap n, string code, string decision, DateOnly? validFrom, DateOnly? validTo)
    {
        n.Allow("id", "name", "access", "kind", "delivery", "intensity_level", "max_sessions", "content", "description", "target_group",
            "contact", "conditions", "suitable_from_15_without_consent", "suitability_source", "documentation", "special_grounds", "follow_up",
            "committee_decision_reference", "valid_from", "valid_to", "source_reference", "interpretations");
        var id = n.Str("id", required: true) ?? "";
        var iv = new Intervention
        {
            Name = CatalogNames.Intervention(code, id),
            DisplayName = n.Str("name", required: true) ?? "",
            Access = n.Enum("access", Accesses, required: true),
            Kind = n.Enum("kind", Kinds, required: true),
            Delivery = n.Enum("delivery", Deliveries),
            IntensityLevel = n.Enum("intensity_level", Levels),
            MaxSessions = n.Int("max_sessions", 0, 1000) ?? 0,
            Content = n.Str("content") ?? "",
            Description = n.Str("description") ?? "",
            Contact = Contacts.Read(n, "contact"),
            TargetGroup = n.Str("target_group") ?? "",
            SuitableFrom15WithoutConsent = n.Bool("suitable_from_15_without_consent") ?? false,
            SuitabilitySource = n.Str("suitability_source") ?? "",
            DocumentationBasis = n.Enum("documentation", Bases, required: true),
            SpecialGrounds = n.Str("special_grounds") ?? "",
            FollowUpMode = n.Enum("follow_up", FollowUps, required: true),
            CommitteeDecisionReference = n.Str("committee_decision_reference") ?? decision,
            ValidFrom = (n.Date("valid_from") ?? validFrom)?.ToProto(),
            ValidTo = (n.Date("valid_to") ?? validTo)?.ToProto(),
            SourceReference = n.Str("source_reference") ?? "",
            Interpretations = { Interpretations(n) },
        };
        if (n.Child("conditions") is { } c)
        {
            iv.Conditions = new ConditionReading(n.Context).Read(c, n.Path + "conditions");
        }

        return iv;
    }

    /// <summary>
    /// The readings the encoding chose: each with the field it decides, the guideline's passage, the reading, and
    /// whether the nämnd confirmed it (and by which decision).
    /// </summary>
    private static List<Interpretation> Interpretations(YamlMap n)
    {
        var list = new List<Interpretation>();
        var items = n.Seq("interpretations");
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var path = $"{n.Path}interpretations[{i}]";
            if (items![i] is not YamlMappingNode node)
            {
                n.Context.Error(path, "Varje tolkning ska vara en mappning.");
                continue;
            }

            var m = new YamlMap(node, path + ".", n.Context);
            m.Allow("field", "passage", "reading", "confirmed", "confirmed_by");
            var item = new Interpretation
            {
                Field = m.Str("field", required: true) ?? "",
                Passage = m.Str("passage", required: true) ?? "",
                Reading = m.Str("reading", required: true) ?? "",
                Confirmed = m.Bool("confirmed") ?? false,
                ConfirmedBy = m.Str("confirmed_by") ?? "",
            };
            if (item.Confirmed && item.ConfirmedBy.Length == 0)
            {
                n.Context.Error(path + ".confirmed_by", "En bekräftad tolkning anger nämndens beslut.");
            }

            list.Add(item);
        }

        return list;
    }

    private static ImportIssue Issue(string id, string field, string message) =>
        new() { InterventionId = id, Field = field, Message = message };
}

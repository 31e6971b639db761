using System.Globalization;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// Reads the YAML catalog format of services/Catalog/catalogs (documented in its README): a
/// format a kommun's jurists can review line by line. Pure; every problem names its path.
/// </summary>
public static class CatalogFileReader
{
    public const int MaxInterventions = 500;

    private static readonly Dictionary<string, Access> Accesses = new()
    {
        ["direct"] = Access.Direct,
        ["needs_assessed"] = Access.NeedsAssessed,
    };

    private static readonly Dictionary<string, InterventionKind> Kinds = new()
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

    private static readonly Dictionary<string, Delivery> Deliveries = new()
    {
        ["individual"] = Delivery.Individual,
        ["group"] = Delivery.Group,
        ["individual_or_group"] = Delivery.IndividualOrGroup,
    };

    private static readonly Dictionary<string, IntensityLevel> Levels = new()
    {
        ["service"] = IntensityLevel.Service,
        ["outpatient"] = IntensityLevel.Outpatient,
        ["intensive"] = IntensityLevel.Intensive,
    };

    private static readonly Dictionary<string, DocumentationBasis> Bases = new()
    {
        ["14:3"] = DocumentationBasis.Full,
        ["14:4"] = DocumentationBasis.CounsellingExemption,
        ["14:5"] = DocumentationBasis.IdentityExemption,
        ["pre-2025-service"] = DocumentationBasis.Pre2025Service,
    };

    private static readonly Dictionary<string, FollowUpMode> FollowUps = new()
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

        var ctx = new Context(errors, "");
        var file = new Node(root, "", ctx);
        file.Allow("municipality", "source", "committee_decision_reference", "valid_from", "valid_to", "rules", "interventions");
        var municipality = file.Map("municipality", required: true);
        var code = municipality?.Str("code", required: true) ?? "";
        var name = municipality?.Str("name", required: true) ?? "";
        municipality?.Allow("code", "name");
        if (code.Length > 0 && !Hosting.Auth.MunicipalityCodes.IsValid(code))
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
                "committee_decision_reference", "valid_from", "valid_to", "source_reference");
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
            };
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
                var entry = ReadIntervention(new Node(node, path + ".", ctx with { InterventionId = id }), code, decision, validFrom, validTo);
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

    private static Intervention ReadIntervention(Node n, string code, string decision, DateOnly? validFrom, DateOnly? validTo)
    {
        n.Allow("id", "name", "access", "kind", "delivery", "intensity_level", "max_sessions", "content", "target_group",
            "conditions", "suitable_from_15_without_consent", "suitability_source", "documentation", "special_grounds", "follow_up",
            "committee_decision_reference", "valid_from", "valid_to", "source_reference");
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
        };
        if (n.Child("conditions") is { } c)
        {
            iv.Conditions = ReadCondition(c, n.Path + "conditions", n.Ctx, 1);
        }

        return iv;
    }

    private static Condition ReadCondition(YamlNode yaml, string path, Context ctx, int depth)
    {
        var condition = new Condition();
        if (depth > InterventionRules.MaxConditionDepth)
        {
            // Also stops a YAML alias that refers back to its own ancestor.
            ctx.Error(path, $"Villkor får vara nästlade i högst {InterventionRules.MaxConditionDepth} nivåer.");
            return condition;
        }
        if (yaml is not YamlMappingNode map)
        {
            ctx.Error(path, "Ett villkor ska vara en mappning.");
            return condition;
        }

        var n = new Node(map, path + ".", ctx);
        condition.SourceText = n.Str("source_text") ?? "";
        var keys = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).Where(k => k != "source_text").ToList();
        if (keys.Count != 1)
        {
            ctx.Error(path, "Ett villkor ska ha exakt en typ (all, any, not, age, child_age, registered, child_registered, school_enrolment, child_school_enrolment, guardian_consent, guardian_informed, fact).");
            return condition;
        }

        var key = keys[0]!;
        var value = map.Children[new YamlScalarNode(key)];
        switch (key)
        {
            case "all":
            case "any":
                var list = new ConditionList();
                if (value is YamlSequenceNode seq)
                {
                    for (var i = 0; i < seq.Children.Count; i++)
                    {
                        list.Conditions.Add(ReadCondition(seq.Children[i], $"{path}.{key}[{i}]", ctx, depth + 1));
                    }
                }
                else
                {
                    ctx.Error($"{path}.{key}", "Ska vara en lista av villkor.");
                }

                if (key == "all")
                {
                    condition.All = list;
                }
                else
                {
                    condition.Any = list;
                }

                break;
            case "not":
                condition.Not = ReadCondition(value, path + ".not", ctx, depth + 1);
                break;
            case "age":
            case "child_age":
                var range = n.Map(key, required: true);
                range?.Allow("min", "max");
                condition.Age = new AgeRange { Subject = key == "age" ? Subject.Person : Subject.Child };
                if (range?.Int("min", 0, 130) is { } min)
                {
                    condition.Age.MinYears = min;
                }

                if (range?.Int("max", 0, 130) is { } max)
                {
                    condition.Age.MaxYears = max;
                }

                break;
            case "registered":
            case "child_registered":
                condition.Registered = new Registration
                {
                    Subject = key == "registered" ? Subject.Person : Subject.Child,
                    MunicipalityCode = n.Str(key, required: true) ?? "",
                };
                break;
            case "school_enrolment":
            case "child_school_enrolment":
                var school = n.Map(key, required: true);
                school?.Allow("municipality", "forms");
                condition.SchoolEnrolment = new SchoolEnrolment
                {
                    Subject = key == "school_enrolment" ? Subject.Person : Subject.Child,
                    MunicipalityCode = school?.Str("municipality", required: true) ?? "",
                    SchoolForms = school?.Str("forms") ?? "",
                };
                break;
            case "guardian_consent":
                condition.GuardianConsent = new GuardianConsent();
                break;
            case "guardian_informed":
                condition.GuardianInformed = new GuardianInformed();
                break;
            case "fact":
                var fact = n.Map(key, required: true);
                fact?.Allow("code", "description");
                condition.AttestedFact = new AttestedFact
                {
                    Code = fact?.Str("code", required: true) ?? "",
                    Description = fact?.Str("description", required: true) ?? "",
                };
                break;
            default:
                ctx.Error($"{path}.{key}", "Okänd villkorstyp.");
                break;
        }

        return condition;
    }

    private static ImportIssue Issue(string id, string field, string message) =>
        new() { InterventionId = id, Field = field, Message = message };

    private sealed record Context(List<ImportIssue> Errors, string InterventionId)
    {
        public void Error(string field, string message) => Errors.Add(Issue(InterventionId, field, message));
    }

    /// <summary>A mapping with typed, path-reporting accessors.</summary>
    private sealed class Node(YamlMappingNode map, string path, Context ctx)
    {
        public string Path => path;

        public Context Ctx => ctx;

        public YamlNode? Child(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        public void Allow(params string[] keys)
        {
            foreach (var k in map.Children.Keys)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                if (!keys.Contains(name))
                {
                    ctx.Error(path + name, "Okänt fält.");
                }
            }
        }

        public string? Str(string key, bool required = false)
        {
            switch (Child(key))
            {
                case null:
                    if (required)
                    {
                        ctx.Error(path + key, "Fältet krävs.");
                    }

                    return null;
                case YamlScalarNode s:
                    return s.Value?.Trim();
                default:
                    ctx.Error(path + key, "Ska vara en text.");
                    return null;
            }
        }

        public int? Int(string key, int min, int max, bool required = false)
        {
            var s = Str(key, required);
            if (s is null)
            {
                return null;
            }

            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            {
                ctx.Error(path + key, $"Ska vara ett heltal {min}–{max}.");
                return null;
            }

            return v;
        }

        public bool? Bool(string key)
        {
            var s = Str(key);
            return s switch
            {
                null => null,
                "true" => true,
                "false" => false,
                _ => Fail(),
            };

            bool? Fail()
            {
                ctx.Error(path + key, "Ska vara true eller false.");
                return null;
            }
        }

        public DateOnly? Date(string key, bool required = false)
        {
            var s = Str(key, required);
            if (s is null)
            {
                return null;
            }

            if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                ctx.Error(path + key, "Ska vara ett datum ÅÅÅÅ-MM-DD.");
                return null;
            }

            return d;
        }

        public TEnum Enum<TEnum>(string key, Dictionary<string, TEnum> words, bool required = false) where TEnum : struct, Enum
        {
            var s = Str(key, required);
            if (s is null)
            {
                return default;
            }

            if (!words.TryGetValue(s, out var v))
            {
                ctx.Error(path + key, $"Ska vara ett av: {string.Join(", ", words.Keys)}.");
            }

            return v;
        }

        public Node? Map(string key, bool required = false)
        {
            switch (Child(key))
            {
                case null:
                    if (required)
                    {
                        ctx.Error(path + key, "Fältet krävs.");
                    }

                    return null;
                case YamlMappingNode m:
                    return new Node(m, path + key + ".", ctx);
                default:
                    ctx.Error(path + key, "Ska vara en mappning.");
                    return null;
            }
        }

        public IReadOnlyList<YamlNode>? Seq(string key, bool required = false)
        {
            switch (Child(key))
            {
                case null:
                    if (required)
                    {
                        ctx.Error(path + key, "Fältet krävs.");
                    }

                    return null;
                case YamlSequenceNode s:
                    return s.Children.ToList();
                default:
                    ctx.Error(path + key, "Ska vara en lista.");
                    return null;
            }
        }
    }
}

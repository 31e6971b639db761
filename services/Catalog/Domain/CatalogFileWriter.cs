using Socialtjanst.Catalog.Domain.Conditions;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Type.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain;

/// <summary>
/// Writes a kommun's catalog in the format <see cref="CatalogFileReader"/> reads: what a nämnd downloads to start a
/// draft from what is in force. Every version carries its own dates and nämnd decision, so the file reads back to the
/// same versions (round-trip tested); free text is quoted so that it reads back as written. Pure.
/// </summary>
public static class CatalogFileWriter
{
    public static string Write(string code, string name, MunicipalityRules? rules, IReadOnlyList<Intervention> interventions, string header)
    {
        var root = new YamlMappingNode
        {
            { "municipality", new YamlMappingNode { { "code", ConditionWriting.Text(code) }, { "name", ConditionWriting.Text(name) } } },
            // The file's first day is only a default; every version below names its own.
            { "valid_from", ConditionWriting.Plain(DateText(interventions.Select(iv => iv.ValidFrom).Append(rules?.ValidFrom).OfType<Date>().Select(d => d.ToDateOnly("valid_from")!.Value).Min())) },
        };
        if (rules is not null)
        {
            root.Add("rules", Rules(rules));
        }

        root.Add("interventions", new YamlSequenceNode(interventions.OrderBy(iv => iv.Name, StringComparer.Ordinal).Select(Intervention)));
        var writer = new StringWriter { NewLine = "\n" };
        foreach (var line in header.Split('\n'))
        {
            writer.WriteLine("# " + line);
        }

        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // YamlDotNet ends a document with "...": the reader does not need it, and a person editing the file should not see it.
        return writer.ToString().TrimEnd().TrimEnd('.').TrimEnd() + "\n";
    }

    private static YamlMappingNode Rules(MunicipalityRules rules)
    {
        var map = new YamlMappingNode();
        Number(map, "follow_up_interval_months", rules.FollowUpIntervalMonths);
        Number(map, "extensive_needs_first_follow_up_months", rules.ExtensiveNeedsFirstFollowUpMonths);
        Number(map, "extensive_needs_follow_up_interval_months", rules.ExtensiveNeedsFollowUpIntervalMonths);
        Number(map, "execution_limit_months", rules.ExecutionLimitMonths);
        Text(map, "information_text", rules.InformationText);
        Text(map, "committee_decision_reference", rules.CommitteeDecisionReference);
        Dates(map, rules.ValidFrom, rules.ValidTo);
        Text(map, "source_reference", rules.SourceReference);
        Interpretations(map, rules.Interpretations);
        Contact(map, rules.Contact);
        return map;
    }

    private static YamlMappingNode Intervention(Intervention iv)
    {
        var map = new YamlMappingNode
        {
            { "id", ConditionWriting.Plain(CatalogNames.InterventionId(iv.Name)) },
            { "name", ConditionWriting.Text(iv.DisplayName) },
            { "access", ConditionWriting.Plain(Word(CatalogFileReader.Accesses, iv.Access)) },
            { "kind", ConditionWriting.Plain(Word(CatalogFileReader.Kinds, iv.Kind)) },
        };
        if (iv.Delivery != Delivery.Unspecified)
        {
            map.Add("delivery", ConditionWriting.Plain(Word(CatalogFileReader.Deliveries, iv.Delivery)));
        }

        if (iv.IntensityLevel != IntensityLevel.Unspecified)
        {
            map.Add("intensity_level", ConditionWriting.Plain(Word(CatalogFileReader.Levels, iv.IntensityLevel)));
        }

        if (iv.MaxSessions > 0)
        {
            Number(map, "max_sessions", iv.MaxSessions);
        }

        Text(map, "description", iv.Description);
        Text(map, "content", iv.Content);
        Text(map, "target_group", iv.TargetGroup);
        Contact(map, iv.Contact);
        if (iv.Conditions is not null)
        {
            map.Add("conditions", new ConditionWriting().Write(iv.Conditions));
        }

        if (iv.SuitableFrom15WithoutConsent)
        {
            map.Add("suitable_from_15_without_consent", ConditionWriting.Plain("true"));
        }

        Text(map, "suitability_source", iv.SuitabilitySource);
        map.Add("documentation", ConditionWriting.Text(Word(CatalogFileReader.Bases, iv.DocumentationBasis)));
        Text(map, "special_grounds", iv.SpecialGrounds);
        map.Add("follow_up", ConditionWriting.Plain(Word(CatalogFileReader.FollowUps, iv.FollowUpMode)));
        Text(map, "committee_decision_reference", iv.CommitteeDecisionReference);
        Dates(map, iv.ValidFrom, iv.ValidTo);
        Text(map, "source_reference", iv.SourceReference);
        Interpretations(map, iv.Interpretations);
        return map;
    }

    private static void Interpretations(YamlMappingNode map, IEnumerable<Interpretation> interpretations)
    {
        var list = interpretations.Select(i =>
        {
            var item = new YamlMappingNode
            {
                { "field", ConditionWriting.Plain(i.Field) },
                { "passage", ConditionWriting.Text(i.Passage) },
                { "reading", ConditionWriting.Text(i.Reading) },
                { "confirmed", ConditionWriting.Plain(i.Confirmed ? "true" : "false") },
            };
            Text(item, "confirmed_by", i.ConfirmedBy);
            return item;
        }).ToList();
        if (list.Count > 0)
        {
            map.Add("interpretations", new YamlSequenceNode(list));
        }
    }

    private static void Contact(YamlMappingNode map, Type.V1.Contact? contact)
    {
        if (contact is null)
        {
            return;
        }

        var node = new YamlMappingNode();
        Text(node, "unit", contact.Unit);
        Text(node, "address", contact.Address);
        Text(node, "phone", contact.Phone);
        Text(node, "opening_hours", contact.OpeningHours);
        Text(node, "link", contact.Link);
        Text(node, "note", contact.Note);
        map.Add("contact", node);
    }

    private static void Dates(YamlMappingNode map, Date? from, Date? to)
    {
        if (from is not null)
        {
            map.Add("valid_from", ConditionWriting.Plain(DateText(from.ToDateOnly("valid_from")!.Value)));
        }

        if (to is not null)
        {
            map.Add("valid_to", ConditionWriting.Plain(DateText(to.ToDateOnly("valid_to")!.Value)));
        }
    }

    private static void Text(YamlMappingNode map, string key, string value)
    {
        if (value.Length > 0)
        {
            map.Add(key, ConditionWriting.Text(value));
        }
    }

    private static void Number(YamlMappingNode map, string key, int value) => map.Add(key, ConditionWriting.Plain(value));

    private static string Word<TEnum>(Dictionary<string, TEnum> words, TEnum value) where TEnum : struct, Enum =>
        words.First(w => EqualityComparer<TEnum>.Default.Equals(w.Value, value)).Key;

    private static string DateText(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

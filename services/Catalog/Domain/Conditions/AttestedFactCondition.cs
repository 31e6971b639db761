using System.Text.RegularExpressions;
using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>fact: a named fact the provider checks against a document or a statement, in the guideline's words.</summary>
public sealed partial class AttestedFactCondition() : ConditionKind([Condition.KindOneofCase.AttestedFact], ["fact"])
{
    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex CodePattern();

    public override void Read(Condition condition, string key, YamlMap fields, ConditionReading reading)
    {
        var fact = fields.Map(key, required: true);
        fact?.Allow("code", "description", "question", "help");
        condition.AttestedFact = new AttestedFact
        {
            Code = fact?.Str("code", required: true) ?? "",
            Description = fact?.Str("description", required: true) ?? "",
            Question = fact?.Str("question", required: true) ?? "",
            Help = fact?.Str("help", required: true) ?? "",
        };
    }

    public override (string Key, YamlNode Value) Write(Condition condition, ConditionWriting writing) =>
        ("fact", new YamlMappingNode
        {
            { "code", ConditionWriting.Plain(condition.AttestedFact.Code) },
            { "description", ConditionWriting.Text(condition.AttestedFact.Description) },
            { "question", ConditionWriting.Text(condition.AttestedFact.Question) },
            { "help", ConditionWriting.Text(condition.AttestedFact.Help) },
        });

    public override void Check(Condition condition, string path, ConditionChecking checking)
    {
        if (!CodePattern().IsMatch(condition.AttestedFact.Code))
        {
            checking.Add(path + ".attested_fact.code", "Koden ska vara gemener, siffror och bindestreck.");
        }

        if (string.IsNullOrWhiteSpace(condition.AttestedFact.Description) || condition.AttestedFact.Description.Length > 500)
        {
            checking.Add(path + ".attested_fact.description", "En beskrivning på högst 500 tecken krävs.");
        }

        // The question is what a resident reads: written by the kommun, never a fallback made of the description.
        if (string.IsNullOrWhiteSpace(condition.AttestedFact.Question) || condition.AttestedFact.Question.Length > 300 || !condition.AttestedFact.Question.TrimEnd().EndsWith('?'))
        {
            checking.Add(path + ".attested_fact.question", "En fråga till den enskilde på högst 300 tecken krävs, som slutar med frågetecken.");
        }

        if (string.IsNullOrWhiteSpace(condition.AttestedFact.Help) || condition.AttestedFact.Help.Length > 500)
        {
            checking.Add(path + ".attested_fact.help", "En hjälptext på högst 500 tecken krävs: vad som räknas och vad svaret används till.");
        }
    }
}

using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// The questions for the facts the conditions read, in plain Swedish (klarspråk): one per fact, never one
/// about needs. A condition reports what it misses by the Facts field ("facts.age",
/// "facts.attested_facts:&lt;code&gt;"); this turns that into the question to ask. The texts are ours, not the
/// guidelines': a fact named in a kommun's catalog is asked in the catalog's own words.
/// </summary>
public static class FactQuestions
{
    public const string FactPrefix = "fact:";

    private const string AttestedField = "facts.attested_facts:";

    private const string AgeHelp = "Ange åldern i hela år. Du behöver inte lämna personnummer.";

    private static readonly Dictionary<string, FactQuestion> ByField = new(StringComparer.Ordinal)
    {
        ["facts.age"] = new("age", FactType.Age, "facts.age", "Hur gammal är du?", AgeHelp),
        ["facts.registered_municipality_code"] = new("registered_municipality", FactType.Municipality, "facts.registered_municipality_code",
            "I vilken kommun är du folkbokförd?", "Folkbokförd är du i den kommun där du bor och är skriven."),
        ["facts.school_municipality_code"] = new("school_municipality", FactType.SchoolMunicipality, "facts.school_municipality_code",
            "I vilken kommun ligger din skola?", "Svara bara om du går i skolan."),
        ["facts.guardian_consent"] = new("guardian_consent", FactType.YesNo, "facts.guardian_consent",
            "Har din vårdnadshavare sagt ja till att du tar del av insatsen?", "Vårdnadshavare är oftast en förälder. Barn under 15 år behöver alltid vårdnadshavarens ja."),
        ["facts.guardian_informed"] = new("guardian_informed", FactType.YesNo, "facts.guardian_informed",
            "Vet din vårdnadshavare om att du vill ta del av insatsen?", "Vårdnadshavare är oftast en förälder."),
        ["facts.child.age"] = new("child.age", FactType.Age, "facts.child.age", "Hur gammalt är barnet som stödet gäller?", "Svara bara om du har barn och stödet gäller dig som förälder. Ange barnets ålder i hela år."),
        ["facts.child.registered_municipality_code"] = new("child.registered_municipality", FactType.Municipality, "facts.child.registered_municipality_code",
            "I vilken kommun är barnet som stödet gäller folkbokfört?", "Folkbokfört är barnet i den kommun där det bor och är skrivet."),
        ["facts.child.school_municipality_code"] = new("child.school_municipality", FactType.SchoolMunicipality, "facts.child.school_municipality_code",
            "I vilken kommun ligger skolan som barnet går i?", "Svara bara om barnet går i skolan."),
    };

    /// <summary>The order a form asks in: the person's own facts, the guardian's answers, the child's, then the catalog's facts.</summary>
    private static readonly string[] Order = [.. ByField.Values.Select(q => q.Code)];

    /// <summary>The question for a missing field; a fact of the catalog is asked in the question the kommun wrote for it.</summary>
    public static FactQuestion For(string missingField, IReadOnlyDictionary<string, AttestedFact> facts)
    {
        if (ByField.TryGetValue(missingField, out var question))
        {
            return question;
        }

        if (missingField.StartsWith(AttestedField, StringComparison.Ordinal))
        {
            var code = missingField[AttestedField.Length..];
            var fact = facts.GetValueOrDefault(code);
            // Every write since the question became part of the contract carries it (the Catalog refuses a fact
            // without one); a version stored before that is asked in its description's words until it is re-imported.
            return new FactQuestion(FactPrefix + code, FactType.YesNo, "facts.attested",
                string.IsNullOrWhiteSpace(fact?.Question) ? $"Gäller det här dig: ”{(fact?.Description ?? code).TrimEnd('.')}”?" : fact.Question,
                string.IsNullOrWhiteSpace(fact?.Help) ? "Svara ja eller nej. Du behöver inte berätta något mer." : fact.Help);
        }

        throw new ArgumentException("No question for " + missingField, nameof(missingField));
    }

    /// <summary>Sorts questions in form order (see <see cref="Order"/>); facts of the catalog by code.</summary>
    public static int Rank(string code) => Array.IndexOf(Order, code) is var i and >= 0 ? i : Order.Length;
}

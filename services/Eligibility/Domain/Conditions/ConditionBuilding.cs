using Socialtjanst.Catalog.V1;
using Socialtjanst.Eligibility.V1;

namespace Socialtjanst.Eligibility.Domain.Conditions;

/// <summary>Prepares an insats' condition tree once: each node from its kind, and the facts the tree reads.</summary>
public sealed class ConditionBuilding(Intervention intervention, string municipalityName)
{
    /// <summary>The facts the conditions read, so an uncertain fact that none reads does not matter.</summary>
    public HashSet<UncertainFact> Uses { get; } = [];

    /// <summary>The attested facts' codes the conditions read.</summary>
    public HashSet<string> FactCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Each attested fact as the catalog wrote it (description, question, help), by code: how a portal asks for it.</summary>
    public Dictionary<string, AttestedFact> Facts { get; } = new(StringComparer.Ordinal);

    /// <summary>The guideline's section; its exact wording of each condition stays in the catalog (source_text).</summary>
    public string Source => intervention.SourceReference;

    public ConditionNode Build(Condition condition) =>
        ConditionKinds.For(condition.KindCase) is { } kind
            ? kind.Build(condition, this)
            : new UnknownNode(Source); // the Catalog never accepts a condition without a kind; unknown is the safe reading

    /// <summary>Notes that the tree reads a fact of the person or, for a condition on the child, the child's; true for the child.</summary>
    public bool Reads(Subject subject, UncertainFact person, UncertainFact child)
    {
        var isChild = subject == Subject.Child;
        Uses.Add(isChild ? child : person);
        return isChild;
    }

    /// <summary>The kommun as a resident reads it: its name when it is the insats' own kommun, else its code.</summary>
    public string Kommun(string code) =>
        intervention.Name.StartsWith($"municipalities/{code}/", StringComparison.Ordinal) && municipalityName.Length > 0 ? municipalityName : $"kommun {code}";

    /// <summary>A condition no class decides: no fact meets it, so it stays unknown and the answer is never "eligible".</summary>
    private sealed record UnknownNode(string Source) : ConditionNode("Okänt villkor", Source)
    {
        public override (ConditionStatus Status, IReadOnlyList<string> Missing) Evaluate(PersonFacts facts) => (ConditionStatus.Unknown, []);
    }
}

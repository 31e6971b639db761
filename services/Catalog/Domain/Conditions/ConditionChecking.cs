using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>Checks one condition tree of a write: the shape every kind shares, the kind's fields from its class.</summary>
public sealed class ConditionChecking(List<FieldProblem> problems)
{
    private int depth;

    public void Add(string field, string message) => problems.Add(new FieldProblem(field, message));

    /// <summary>Checks the condition at <paramref name="path"/> and every condition inside it.</summary>
    public void Check(Condition condition, string path)
    {
        depth++;
        try
        {
            if (depth > InterventionRules.MaxConditionDepth)
            {
                Add(path, $"Villkor får vara nästlade i högst {InterventionRules.MaxConditionDepth} nivåer.");
                return;
            }

            if (condition.SourceText.Length > 2_000)
            {
                Add(path + ".source_text", "Högst 2000 tecken.");
            }

            if (ConditionKinds.For(condition.KindCase) is { } kind)
            {
                kind.Check(condition, path, this);
            }
            else
            {
                Add(path, "Villkoret saknar typ.");
            }
        }
        finally
        {
            depth--;
        }
    }

    public void Subject(Subject subject, string field)
    {
        if (subject is not (V1.Subject.Person or V1.Subject.Child))
        {
            Add(field, "Ange person eller barn.");
        }
    }

    public void MunicipalityCode(string code, string field)
    {
        if (!CatalogNames.IsMunicipalityCode(code))
        {
            Add(field, "Kommunkoden ska vara fyra siffror.");
        }
    }
}

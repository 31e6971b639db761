using Socialtjanst.Catalog.V1;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain.Conditions;

/// <summary>
/// One kind of condition (villkor) as the Catalog knows it: how a catalog file writes it and what a
/// valid one looks like. A new kind is a new subclass in this folder (found by <see cref="ConditionKinds"/>),
/// its field in the <c>Condition</c> message, and how Eligibility decides it
/// (services/Eligibility/Domain/Conditions).
/// </summary>
public abstract class ConditionKind(IReadOnlyList<Condition.KindOneofCase> cases, IReadOnlyList<string> yamlKeys)
{
    /// <summary>The <c>Condition.kind</c> cases this class reads and checks.</summary>
    public IReadOnlyList<Condition.KindOneofCase> Cases { get; } = cases;

    /// <summary>The keys a catalog file writes it with, e.g. "age" and "child_age".</summary>
    public IReadOnlyList<string> YamlKeys { get; } = yamlKeys;

    /// <summary>
    /// Sets the condition's kind from the value under <paramref name="key"/> in <paramref name="fields"/> (the
    /// condition's mapping); problems go to the file's import issues, each naming its path.
    /// </summary>
    public abstract void Read(Condition condition, string key, YamlMap fields, ConditionReading reading);

    /// <summary>Adds a problem for every field of this condition that is wrong; <paramref name="path"/> is the condition's own.</summary>
    public abstract void Check(Condition condition, string path, ConditionChecking checking);

    /// <summary>The condition as a catalog file writes it: its key and its value (the reverse of <see cref="Read"/>).</summary>
    public abstract (string Key, YamlNode Value) Write(Condition condition, ConditionWriting writing);

    /// <summary>The subject a "child_…" key means, else the person.</summary>
    protected static Subject SubjectOf(string key) => key.StartsWith("child_", StringComparison.Ordinal) ? Subject.Child : Subject.Person;
}

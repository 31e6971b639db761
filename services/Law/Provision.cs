namespace Socialtjanst.Law;

/// <summary>A provision of an act: the paragraph an answer cites for one rule.</summary>
public sealed record Provision(Act Act, string Paragraph)
{
    /// <summary>"14 kap. 3 § SoL", "11 kap. 5 och 6 §§ SoL (2001:453)".</summary>
    public string Citation => $"{Paragraph} {Act.Citation}";

    public override string ToString() => Citation;
}

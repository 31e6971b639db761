namespace Socialtjanst.NoteScanning;

/// <summary>An identifier in a text: its kind, where it is, and how sure the scanner is (0–1).</summary>
public readonly record struct Detection(IdentifierKind Kind, int Start, int Length, double Confidence = 1.0)
{
    /// <summary>The detector's name as the contract spells it: "name", "personnummer", "phone", …</summary>
    public string Detector => Kind.Detector;

    public int End => Start + Length;
}

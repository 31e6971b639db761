using System.Globalization;

namespace Socialtjanst.Corpus;

/// <summary>
/// Precision and recall of one detector over a corpus. A label is found when a detection of its kind
/// overlaps it, and covered when detections of its kind cover every one of its characters (what a
/// redaction needs); a detection is right when it overlaps a label of its kind.
/// </summary>
public sealed record DetectorScore(string Detector, int Labels, int Detections, int TruePositives, int Found, int Covered = 0)
{
    public double Precision => Detections == 0 ? 1 : (double)TruePositives / Detections;

    public double Recall => Labels == 0 ? 1 : (double)Found / Labels;

    public double Coverage => Labels == 0 ? 1 : (double)Covered / Labels;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Detector,-22} labels {Labels,5}  detections {Detections,5}  precision {Precision:F3}  recall {Recall:F3}  full span {Coverage:F3}");
}

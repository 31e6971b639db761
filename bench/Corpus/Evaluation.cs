using System.Globalization;
using Socialtjanst.Documentation.Domain;

namespace Socialtjanst.Corpus;

/// <summary>Precision and recall of one detector over a corpus.</summary>
public sealed record DetectorScore(string Detector, int Labels, int Detections, int TruePositives, int Found)
{
    public double Precision => Detections == 0 ? 1 : (double)TruePositives / Detections;

    public double Recall => Labels == 0 ? 1 : (double)Found / Labels;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Detector,-18} labels {Labels,5}  detections {Detections,5}  precision {Precision:F3}  recall {Recall:F3}");
}

/// <summary>Runs the scanner over a labelled corpus. A detection counts when it overlaps a label of the same detector.</summary>
public static class Evaluation
{
    public static IReadOnlyList<DetectorScore> Score(IEnumerable<LabelledNote> notes, DateOnly today)
    {
        var stats = new Dictionary<string, int[]>(StringComparer.Ordinal);
        int[] S(string d) => stats.TryGetValue(d, out var s) ? s : stats[d] = new int[4];
        foreach (var note in notes)
        {
            var detections = IdentifierScanner.Scan(note.Text, today);
            foreach (var label in note.Labels)
            {
                var s = S(label.Detector);
                s[0]++;
                if (detections.Any(d => d.Detector == label.Detector && Overlaps(d.Start, d.Length, label.Start, label.Length)))
                {
                    s[3]++;
                }
            }

            foreach (var d in detections)
            {
                var s = S(d.Detector);
                s[1]++;
                if (note.Labels.Any(l => l.Detector == d.Detector && Overlaps(d.Start, d.Length, l.Start, l.Length)))
                {
                    s[2]++;
                }
            }
        }

        return stats.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DetectorScore(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3])).ToList();
    }

    private static bool Overlaps(int a, int aLength, int b, int bLength) => a < b + bLength && b < a + aLength;
}

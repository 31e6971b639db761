using Socialtjanst.NoteScanning;

namespace Socialtjanst.Corpus;

/// <summary>What the scanner missed and what it found wrongly, with the words around it: for reading, not for tuning to.</summary>
public static class Misses
{
    public static IEnumerable<string> List(IEnumerable<LabelledNote> notes, DateOnly today)
    {
        foreach (var note in notes)
        {
            var detections = IdentifierScanner.Scan(note.Text, today);
            foreach (var l in note.Labels)
            {
                var same = detections.Where(d => d.Detector == l.Detector).ToList();
                var covered = Enumerable.Range(l.Start, l.Length).All(i => same.Any(d => d.Start <= i && i < d.End));
                if (!covered)
                {
                    yield return $"MISS {l.Detector,-17} [{note.Text.Substring(l.Start, l.Length)}] in: {Around(note.Text, l.Start, l.Length)}";
                }
            }

            foreach (var d in detections)
            {
                var overlapping = note.Labels.Where(l => l.Detector == d.Detector && l.Start < d.End && d.Start < l.Start + l.Length).ToList();
                if (overlapping.Count == 0)
                {
                    yield return $"FALSE {d.Detector,-17} [{note.Text.Substring(d.Start, d.Length)}] in: {Around(note.Text, d.Start, d.Length)}";
                }
                else if (d.Start < overlapping.Min(l => l.Start) || d.End > overlapping.Max(l => l.Start + l.Length))
                {
                    yield return $"WIDE  {d.Detector,-17} [{note.Text.Substring(d.Start, d.Length)}] in: {Around(note.Text, d.Start, d.Length)}";
                }
            }
        }
    }

    private static string Around(string text, int start, int length)
    {
        var from = Math.Max(0, start - 30);
        var to = Math.Min(text.Length, start + length + 30);
        return text[from..to].Replace('\n', '⏎');
    }
}

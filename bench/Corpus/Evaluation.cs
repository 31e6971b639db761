using System.Globalization;
using Socialtjanst.Documentation.Domain;

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

/// <summary>Runs the scanner over a labelled corpus.</summary>
public static class Evaluation
{
    public static IReadOnlyList<DetectorScore> Score(IEnumerable<LabelledNote> notes, DateOnly today)
    {
        var stats = new Dictionary<string, int[]>(StringComparer.Ordinal);
        int[] S(string d) => stats.TryGetValue(d, out var s) ? s : stats[d] = new int[5];
        foreach (var note in notes)
        {
            var detections = IdentifierScanner.Scan(note.Text, today);
            foreach (var label in note.Labels)
            {
                var s = S(label.Detector);
                s[0]++;
                var same = detections.Where(d => d.Detector == label.Detector).ToList();
                if (same.Any(d => Overlaps(d.Start, d.Length, label.Start, label.Length)))
                {
                    s[3]++;
                }

                if (Covers(same, label.Start, label.Length))
                {
                    s[4]++;
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
            .Select(kv => new DetectorScore(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3], kv.Value[4])).ToList();
    }

    /// <summary>
    /// Names by token: every space-separated token of a name label is one to find (covered whole by a name
    /// detection); every token of a name detection is right when it lies inside a name label. Recall is
    /// also given per origin of the name data, and for tokens the scanner's name data lacks.
    /// </summary>
    public static IReadOnlyList<DetectorScore> NameTokens(IEnumerable<LabelledNote> notes, DateOnly today)
    {
        var byOrigin = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        int[] O(string o) => byOrigin.TryGetValue(o, out var s) ? s : byOrigin[o] = new int[5];
        var lexicon = Lexicon.Instance;
        var all = new int[5];
        foreach (var note in notes)
        {
            var names = IdentifierScanner.Scan(note.Text, today).Where(d => d.Kind == IdentifierKind.Name).ToList();
            var labels = note.Labels.Where(l => l.Detector == "name").ToList();
            foreach (var label in labels)
            {
                foreach (var (start, length) in Tokens(note.Text, label.Start, label.Length))
                {
                    var token = note.Text.AsSpan(start, length).TrimEnd('s');
                    var known = lexicon.IsGivenName(note.Text.AsSpan(start, length)) || lexicon.IsSurname(note.Text.AsSpan(start, length))
                        || lexicon.IsGivenName(token) || lexicon.IsSurname(token);
                    var found = Covers(names, start, length);
                    foreach (var s in new[] { all, O(label.Origin ?? "corpus"), O(known ? "(in the scanner's name data)" : "(not in the scanner's name data)") })
                    {
                        s[0]++;
                        s[3] += found ? 1 : 0;
                        s[4] += found ? 1 : 0;
                    }
                }
            }

            foreach (var d in names)
            {
                foreach (var (start, length) in Tokens(note.Text, d.Start, d.Length))
                {
                    all[1]++;
                    all[2] += labels.Any(l => start >= l.Start && start + length <= l.Start + l.Length) ? 1 : 0;
                }
            }
        }

        var rows = new List<DetectorScore> { new("name tokens", all[0], all[1], all[2], all[3], all[4]) };
        rows.AddRange(byOrigin.Select(kv => new DetectorScore("  " + kv.Key, kv.Value[0], 0, 0, kv.Value[3], kv.Value[4])));
        return rows;
    }

    private static IEnumerable<(int Start, int Length)> Tokens(string text, int start, int length)
    {
        var i = start;
        var end = start + length;
        while (i < end)
        {
            while (i < end && !char.IsLetter(text[i]))
            {
                i++;
            }

            var from = i;
            while (i < end && text[i] != ' ' && text[i] != ',')
            {
                i++;
            }

            if (i > from)
            {
                yield return (from, i - from);
            }
        }
    }

    private static bool Covers(List<Detection> detections, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (!detections.Any(d => d.Start <= i && i < d.End))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Overlaps(int a, int aLength, int b, int bLength) => a < b + bLength && b < a + aLength;
}

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

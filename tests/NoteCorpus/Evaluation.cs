using Socialtjanst.NoteScanning;

namespace Socialtjanst.Corpus;

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

    /// <summary>
    /// Recall per kind and form ("name lower", "address apartment", …) for sets whose labels carry a form: names by
    /// token, the others by full span. Each line: kind, form, labels, found, recall.
    /// </summary>
    public static IReadOnlyList<string> ByForm(IEnumerable<LabelledNote> notes, DateOnly today)
    {
        var counts = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var note in notes)
        {
            var detections = IdentifierScanner.Scan(note.Text, today);
            foreach (var label in note.Labels.Where(l => l.Form is not null))
            {
                var same = detections.Where(d => d.Detector == label.Detector).ToList();
                var spans = label.Detector == "name" ? Tokens(note.Text, label.Start, label.Length).ToList() : [(label.Start, label.Length)];
                foreach (var (start, length) in spans)
                {
                    var c = counts.TryGetValue($"{label.Detector} {label.Form}", out var x) ? x : counts[$"{label.Detector} {label.Form}"] = new int[2];
                    c[0]++;
                    c[1] += Covers(same, start, length) ? 1 : 0;
                }
            }
        }

        return [.. counts.Select(kv => $"{kv.Key,-40} {kv.Value[0],5} {kv.Value[1],5} {(double)kv.Value[1] / kv.Value[0],7:F3}")];
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

namespace Socialtjanst.Documentation.Domain;

/// <summary>
/// Small-cell suppression for activity reports. Primary: every count from 1 to threshold-1 is
/// hidden. Secondary: when the total is shown and exactly one cell is hidden, that cell would be
/// the total minus the others, so the smallest shown non-zero cell is hidden too. A total below the
/// threshold hides the whole table. Zero counts are shown: they reveal no one. Hidden cells
/// together must also reach the threshold, or total minus the shown cells reveals a small group. Pure.
/// </summary>
public static class Suppression
{
    public static SuppressedTable Apply(IReadOnlyList<(string Key, int Count)> cells, int threshold)
    {
        var total = cells.Sum(c => c.Count);
        if (total < threshold)
        {
            return new SuppressedTable(cells.Select(c => (c.Key, (int?)null)).ToList(), null);
        }

        var hidden = cells.Select(c => c.Count > 0 && c.Count < threshold).ToArray();
        int HiddenSum() => cells.Where((_, i) => hidden[i]).Sum(c => c.Count);
        while (hidden.Count(h => h) == 1 || HiddenSum() is > 0 and var sum && sum < threshold)
        {
            var next = cells.Select((c, i) => (c.Count, i)).Where(x => !hidden[x.i] && x.Count > 0).OrderBy(x => x.Count).ThenBy(x => x.i).FirstOrDefault((Count: -1, i: -1));
            if (next.i < 0)
            {
                break;
            }

            hidden[next.i] = true;
        }

        return new SuppressedTable(cells.Select((c, i) => (c.Key, hidden[i] ? (int?)null : c.Count)).ToList(), total);
    }
}

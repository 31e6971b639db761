using System.Buffers;

namespace Socialtjanst.NoteScanning;

/// <summary>Every <see cref="IDetector"/> in this assembly, by anchor character.</summary>
public static class AnchoredDetectors
{
    public static readonly IReadOnlyList<IDetector> All =
    [
        .. typeof(IDetector).Assembly.GetTypes()
            .Where(t => typeof(IDetector).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (IDetector)Activator.CreateInstance(t)!),
    ];

    private static readonly SearchValues<char> AnchorChars = SearchValues.Create(string.Concat(All.Select(d => d.Anchors)));

    private static readonly Dictionary<char, IDetector[]> ByAnchor = All
        .SelectMany(d => d.Anchors.Distinct().Select(c => (c, d)))
        .GroupBy(p => p.c)
        .ToDictionary(g => g.Key, g => g.Select(p => p.d).ToArray());

    public static bool IsAnchor(char c) => AnchorChars.Contains(c);

    /// <summary>The first detection a detector anchored on <paramref name="at"/>'s character makes there, or null.</summary>
    public static Detection? At(string text, int at, DateOnly today)
    {
        foreach (var detector in ByAnchor[text[at]])
        {
            if (detector.At(text, at, today) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}

using System.Buffers;
using Socialtjanst.NoteScanning.Detectors;

namespace Socialtjanst.NoteScanning;

/// <summary>
/// The detectors the pass offers a position by its character, in this order, before it reads a word or a number
/// there. None may be anchored on a letter or a digit: the words and the numbers have their own readers
/// (IdentifierScanner's Word and Number), which a letter- or digit-anchored detector would silently run ahead of
/// (AnchoredDetectorTests holds this).
/// </summary>
public static class AnchoredDetectors
{
    public static readonly IReadOnlyList<IDetector> All = [new EmailDetector(), new ObfuscatedEmailDetector(), new UsernameDetector()];

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

namespace Socialtjanst.NoteScanning;

/// <summary>
/// A detector the scanner's single pass offers a position to: where the text has one of its anchor
/// characters (e.g. '@' for an e-mail address), before the pass reads a word or a number there. A new
/// detector is a class in Detectors/ (found by <see cref="AnchoredDetectors"/>) and its kind's value in the
/// contract's IdentifierKind; the built-in names, numbers and addresses share the pass's context rules.
/// </summary>
public interface IDetector
{
    /// <summary>What it finds.</summary>
    IdentifierKind Kind { get; }

    /// <summary>The characters the scan offers it, each a character the identifier always contains.</summary>
    string Anchors { get; }

    /// <summary>The identifier around <paramref name="anchor"/>, or null; it may start before the anchor.</summary>
    Detection? At(string text, int anchor, DateOnly today);
}

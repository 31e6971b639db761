namespace Socialtjanst.NoteScanning;

/// <summary>
/// A detector the pass offers every number at: where a digit, a '+' or a '(' before a digit starts after a space or
/// a punctuation mark. Each one reads the number its own way (an abstract class, not an interface: a virtual call costs
/// the pass less than an interface call at a place that sees three kinds); <see cref="NumberScoring"/> chooses among what they found.
/// </summary>
public abstract class NumberDetector
{
    /// <summary>The identifier starting at <paramref name="start"/> as this detector reads it, or null.</summary>
    public abstract Detection? At(string text, int start, DateOnly today);
}

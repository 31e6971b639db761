namespace Socialtjanst.NoteScanning;

/// <summary>
/// A detector the pass offers every number at: where a digit, a '+' or a '(' before a digit starts after a space or
/// a punctuation mark. Each one reads the number its own way; <see cref="NumberScoring"/> chooses among what they found.
/// </summary>
public interface INumberDetector
{
    /// <summary>The identifier starting at <paramref name="start"/> as this detector reads it, or null.</summary>
    Detection? At(string text, int start, DateOnly today);
}

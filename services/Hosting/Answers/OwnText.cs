namespace Socialtjanst.Hosting.Answers;

/// <summary>Where an answer's own text (its decision id) sits in the bytes written for it: the one rule both kept forms follow.</summary>
public static class OwnText
{
    /// <summary>The position of <paramref name="own"/> in <paramref name="written"/> when it is there exactly once (and not empty); else -1.</summary>
    public static int OnceIn(ReadOnlySpan<byte> written, ReadOnlySpan<byte> own)
    {
        var at = own.IsEmpty ? -1 : written.IndexOf(own);
        return at < 0 || written[(at + own.Length)..].IndexOf(own) >= 0 ? -1 : at;
    }
}

using System.Text.RegularExpressions;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// Decision ids: unique, not secret. A random prefix per process and a counter, so an id costs no
/// call to the operating system's random source. The decision log keeps an answer by its id in its
/// kommun: an id is never looked up outside the kommun that was answered.
/// </summary>
public static partial class DecisionIds
{
    private static readonly string Prefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long counter;

    public static string Next() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}-{Interlocked.Increment(ref counter):x}");

    /// <summary>The shape every id has: 16 hex digits, a dash, the counter in hex.</summary>
    [GeneratedRegex("^[0-9a-f]{16}-[0-9a-f]{1,16}$")]
    public static partial Regex Shape();
}

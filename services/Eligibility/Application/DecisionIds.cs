namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// Decision ids: unique, not secret. A random prefix per process and a counter, so an id costs no
/// call to the operating system's random source.
/// </summary>
public static class DecisionIds
{
    private static readonly string Prefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long counter;

    public static string Next() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}-{Interlocked.Increment(ref counter):x}");
}

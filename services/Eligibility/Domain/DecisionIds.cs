using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// Decision ids: unique within their kommun, time-ordered, not secret. The moment of the answer in milliseconds
/// (12 hex digits), a random prefix per process (8) and a counter of the kommun's own answers, so ids sort by time
/// as text and cost no call to the operating system's random source. The counter is the kommun's alone: two of a
/// kommun's ids tell how many answers that kommun got between them, never how many another kommun got (the second
/// outside attack counted other kommuner's checks by a counter all kommuner shared). The decision log keys each
/// kommun's answers by id alone (no second index on time): a period is a range of ids (<see cref="At"/>). An id is
/// never looked up outside the kommun that was answered.
/// </summary>
public static partial class DecisionIds
{
    private static readonly string Prefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    // One counter per kommun answered by this process (at most the kommuner of the deployment).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StrongBox<long>> Counters = new(StringComparer.Ordinal);

    public static string Next(string municipalityCode, DateTimeOffset now)
    {
        var counter = Counters.GetOrAdd(municipalityCode, static _ => new StrongBox<long>());
        // The moment as At writes it, formatted in place (one string per id).
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, now.ToUnixTimeMilliseconds()):x12}{Prefix}-{Interlocked.Increment(ref counter.Value):x}");
    }

    /// <summary>The time part of the ids given at that moment: every id given at or after it sorts at or after this text, every earlier one before it.</summary>
    public static string At(DateTimeOffset moment) =>
        Math.Max(0, moment.ToUnixTimeMilliseconds()).ToString("x12", CultureInfo.InvariantCulture);

    /// <summary>The moment an id was given, in Unix milliseconds (its first 12 hex digits; 0 when it has none).</summary>
    public static long MillisecondsOf(string id) =>
        id.Length >= 12 && long.TryParse(id.AsSpan(0, 12), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ms) ? ms : 0;

    /// <summary>
    /// An id of the shape whose moment could be one (on or before the last moment a date can hold): twelve hex digits
    /// reach past year 9999, and such an id is no answer's.
    /// </summary>
    public static bool IsPossible(string id) => MillisecondsOf(id) <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The shape every id has: 20 hex digits, a dash, the counter in hex.</summary>
    [GeneratedRegex("^[0-9a-f]{20}-[0-9a-f]{1,16}$")]
    public static partial Regex Shape();
}

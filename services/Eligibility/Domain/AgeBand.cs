namespace Socialtjanst.Eligibility.Domain;

/// <summary>
/// An age as the decision log keeps it: a band, never the age itself, and never a birth date or a
/// personnummer. The bands end where the law and the kommuner's guidelines draw their lines (school
/// start at 7, 15 as the age a young person's own say weighs in, 18 adult, 21 and 25 for young adults,
/// 65 for older people), so a logged question can still be re-evaluated against a draft's limits; a
/// draft that draws a line inside a band is reported as undecidable for that question, not guessed.
/// </summary>
public sealed record AgeBand(int From, int To)
{
    /// <summary>The bands, in order; together they cover 0-130, the ages a check accepts.</summary>
    public static IReadOnlyList<AgeBand> All { get; } =
    [
        new(0, 6), new(7, 12), new(13, 14), new(15, 17), new(18, 20), new(21, 24), new(25, 29),
        new(30, 39), new(40, 49), new(50, 64), new(65, 74), new(75, 84), new(85, 130),
    ];

    public static AgeBand Of(int age)
    {
        foreach (var band in All)
        {
            if (age <= band.To)
            {
                return band;
            }
        }

        return All[^1];
    }

    /// <summary>"18-20 år", "85 år eller äldre".</summary>
    public string Describe() => To >= 130 ? $"{From} år eller äldre" : $"{From}–{To} år";

    /// <summary>Every age in the band.</summary>
    public IEnumerable<int> Ages() => Enumerable.Range(From, To - From + 1);
}

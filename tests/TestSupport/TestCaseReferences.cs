namespace Socialtjanst.TestSupport;

/// <summary>
/// Case references for tests that need many distinct ones: a register year, a six-digit serial and three consonants
/// ("KX-KILL-2025-004711-BKT"), a shape the default guard accepts whatever the random draw (the serial after a year is
/// never read as a birth date; consonants spell no name), 8·10⁹ of them.
/// </summary>
public static class TestCaseReferences
{
    private const string Consonants = "BCDFGHJKLMNPQRSTVWXZ";

    public static string Next(string prefix, Random? random = null)
    {
        var r = random ?? Random.Shared;
        return $"{prefix}-2025-{r.Next(1_000_000):D6}-{Consonants[r.Next(20)]}{Consonants[r.Next(20)]}{Consonants[r.Next(20)]}";
    }
}

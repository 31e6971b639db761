using Socialtjanst.Type.V1;

namespace Socialtjanst.Eligibility.Tests.Domain;

public class CivilDatesTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("2025-06-30T21:59:59Z", "2025-06-30")] // 23:59:59 summer time
    [InlineData("2025-06-30T22:00:00Z", "2025-07-01")] // midnight summer time: the new act is in force
    [InlineData("2025-12-31T22:59:59Z", "2025-12-31")] // 23:59:59 winter time
    [InlineData("2025-12-31T23:00:00Z", "2026-01-01")]
    [InlineData("2026-03-29T00:59:59Z", "2026-03-29")] // the night summer time begins
    [InlineData("2026-10-24T22:00:00Z", "2026-10-25")] // the night winter time begins
    public void Today_IsTheDateInStockholm(string utc, string expected)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CivilDates.Today(clock));
    }
}

using System.Globalization;
using Socialtjanst.Eligibility.Domain;

namespace Socialtjanst.Eligibility.Tests.Domain;

public class DecisionIdsTests
{
    private static long CounterOf(string id) => long.Parse(id[(id.IndexOf('-') + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    [Fact]
    public void AKommunsIds_CountOnlyItsOwnAnswers_NotAnotherKommunsBetweenThem()
    {
        // The second outside attack counted other kommuner's checks by the counter in the ids it was given. Codes no
        // other test uses, since the counters live as long as the process and tests run side by side.
        var now = DateTimeOffset.UtcNow;
        var first = DecisionIds.Next("T901", now);
        for (var i = 0; i < 7; i++)
        {
            DecisionIds.Next("T902", now);
        }

        var second = DecisionIds.Next("T901", now);
        Assert.Equal(1, CounterOf(second) - CounterOf(first));
        Assert.Matches(DecisionIds.Shape(), first);
        Assert.NotEqual(first, second);
        Assert.True(string.CompareOrdinal(DecisionIds.At(now), first) <= 0 && string.CompareOrdinal(first, DecisionIds.At(now.AddMilliseconds(1))) < 0);
    }
}

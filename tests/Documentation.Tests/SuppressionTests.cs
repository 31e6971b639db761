using CsCheck;
using Socialtjanst.Documentation.Domain;

namespace Socialtjanst.Documentation.Tests;

public class SuppressionTests
{
    [Fact]
    public void ALoneSmallCell_IsHiddenWithItsSmallestNeighbour()
    {
        var table = Suppression.Apply([("a", 12), ("b", 3), ("c", 7), ("d", 0)], 5);
        Assert.Equal([12, null, null, 0], table.Cells.Select(c => c.Count).ToArray());
        Assert.Equal(22, table.Total);
    }

    [Fact]
    public void ASmallTotal_HidesTheWholeTable()
    {
        var table = Suppression.Apply([("a", 2), ("b", 1)], 5);
        Assert.Null(table.Total);
        Assert.All(table.Cells, c => Assert.Null(c.Count));
    }

    [Fact]
    public void NoHiddenCell_CanBeWorkedOutFromTheTotal_AndNoShownCellIsSmall()
    {
        Gen.Int[0, 40].Array[2, 8].Sample(counts =>
        {
            var table = Suppression.Apply(counts.Select((c, i) => ($"k{i}", c)).ToList(), 5);
            var shown = table.Cells.Where(c => c.Count is not null).Select(c => c.Count!.Value).ToList();
            var hidden = table.Cells.Where(c => c.Count is null).ToList();
            var small = shown.All(c => c == 0 || c >= 5);
            // With the total shown, a single hidden cell would equal total minus the shown cells.
            var recoverable = table.Total is not null && hidden.Count == 1;
            // Two hidden cells whose sum is below the threshold would still reveal a small group.
            var revealing = table.Total is not null && hidden.Count >= 2 && table.Total - shown.Sum() < 5 && table.Total - shown.Sum() > 0;
            return small && !recoverable && !revealing;
        }, iter: 5_000);
    }
}

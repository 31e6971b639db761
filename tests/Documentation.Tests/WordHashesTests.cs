using Socialtjanst.NoteScanning;

namespace Socialtjanst.Documentation.Tests;

/// <summary>The lexicon's word table against a HashSet of the same random hashes: every hash held is found, no other is.</summary>
public class WordHashesTests
{
    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 50_000)]
    [InlineData(3, 200_000)] // near the table's 0.8 load, where the Robin Hood order matters most
    public void HoldsExactlyWhatWasAdded(int seed, int count)
    {
        var random = new Random(seed);
        var table = new WordHashes(count);
        var reference = new HashSet<ulong>();
        for (var i = 0; i < count; i++)
        {
            var hash = (ulong)random.NextInt64(1, long.MaxValue) << (i % 2); // high bits set too
            table.Add(hash);
            reference.Add(hash);
            if (i % 7 == 0)
            {
                table.Add(hash); // a second add of the same hash changes nothing
            }
        }

        Assert.Equal(reference.Count, table.Count);
        Assert.All(reference, hash => Assert.True(table.Contains(hash)));
        for (var i = 0; i < count; i++)
        {
            var other = (ulong)random.NextInt64(1, long.MaxValue);
            Assert.Equal(reference.Contains(other), table.Contains(other));
        }

        Assert.False(table.Contains(0));
    }
}

using System.Collections.Concurrent;

namespace Socialtjanst.Eligibility.Application;

/// <summary>
/// What-if's share of a replica, fair between kommuner: at most <see cref="Concurrent"/> what-ifs run at once (each
/// takes half the cores for up to a few seconds), each kommun holds at most one place — running or waiting — so one
/// kommun cannot starve another's, and a kommun's what-if waits up to <see cref="Queueing"/> for a place instead of
/// being refused while another kommun's runs. Held by the service instance, not the process.
/// </summary>
public sealed class WhatIfGate : IDisposable
{
    /// <summary>What-ifs running at once on this replica.</summary>
    public const int Concurrent = 1;

    /// <summary>How long a what-if waits for a place before it is told to try again.</summary>
    public static readonly TimeSpan Queueing = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, byte> kommuner = new(StringComparer.Ordinal);

    public SemaphoreSlim Running { get; } = new(Concurrent, Concurrent);

    /// <summary>
    /// A place for the kommun's what-if, or null: the kommun already has one running or waiting, or no place came
    /// within <see cref="Queueing"/>. Dispose the place when done. Cancelling <paramref name="ct"/> gives up the wait.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(string kommun, CancellationToken ct)
    {
        if (!kommuner.TryAdd(kommun, 0))
        {
            return null;
        }

        var entered = false;
        try
        {
            entered = await Running.WaitAsync(Queueing, ct);
            return entered ? new Place(this, kommun) : null;
        }
        finally
        {
            if (!entered)
            {
                kommuner.TryRemove(kommun, out _);
            }
        }
    }

    public void Dispose() => Running.Dispose();

    private sealed class Place(WhatIfGate gate, string kommun) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Running.Release();
                gate.kommuner.TryRemove(kommun, out _);
            }
        }
    }
}

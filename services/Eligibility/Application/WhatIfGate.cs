namespace Socialtjanst.Eligibility.Application;

/// <summary>One what-if at a time per replica (it takes half the cores for about a second): held by the service instance, not the process.</summary>
public sealed class WhatIfGate : IDisposable
{
    public SemaphoreSlim Running { get; } = new(1, 1);

    public void Dispose() => Running.Dispose();
}

namespace Socialtjanst.Security.Tests;

/// <summary>One in-process suite on SQLite shared by the tests of a collection, and its surface.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    public SuiteStack Stack { get; private set; } = null!;

    public IReadOnlyList<Rpc> Rpcs { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Stack = await SuiteStack.StartAsync();
        Rpcs = await Surface.DiscoverAsync(Stack);
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}

/// <summary>Long tests run with SOCIALTJANST_LONG_TESTS=1 (see SECURITY.md), and skip otherwise.</summary>
public static class LongTests
{
    public const string Variable = "SOCIALTJANST_LONG_TESTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public static void SkipUnlessEnabled() => Skip.IfNot(Enabled, $"Long test: runs with {Variable}=1.");
}

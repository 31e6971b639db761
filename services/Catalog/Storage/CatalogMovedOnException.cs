namespace Socialtjanst.Catalog.Storage;

/// <summary>Another write committed after the revision a <see cref="CatalogCommit"/> was planned against: plan it again.</summary>
public sealed class CatalogMovedOnException(string code, long expected, long found)
    : Exception($"The catalog of {code} is at revision {found}, not {expected}.");

namespace Socialtjanst.Documentation.Domain;

/// <summary>A one-way table after suppression: null marks a hidden count.</summary>
public sealed record SuppressedTable(IReadOnlyList<(string Key, int? Count)> Cells, int? Total);

using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Domain;

/// <summary>One insats of a catalog file, with its position for messages.</summary>
public sealed record CatalogFileEntry(string Id, int Index, Intervention Intervention);

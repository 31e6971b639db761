using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Domain;

/// <summary>A kommun catalog file as read: the kommun, its rules and its insatser.</summary>
public sealed record CatalogFile(
    string MunicipalityCode,
    string MunicipalityName,
    MunicipalityRules? Rules,
    IReadOnlyList<CatalogFileEntry> Interventions);

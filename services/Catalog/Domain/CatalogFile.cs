using System.Globalization;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Socialtjanst.Catalog.Domain;

/// <summary>A kommun catalog file as read: the kommun, its rules and its insatser.</summary>
public sealed record CatalogFile(
    string MunicipalityCode,
    string MunicipalityName,
    MunicipalityRules? Rules,
    IReadOnlyList<CatalogFileEntry> Interventions);

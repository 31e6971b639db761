using System.Globalization;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;

namespace Socialtjanst.Catalog.Application;

/// <summary>The catalog of a day as a catalog file: what a nämnd downloads to start a draft from what is in force.</summary>
public static class CatalogExport
{
    public static ExportCatalogResponse Of(CatalogSnapshot snapshot, DateOnly day)
    {
        var rules = snapshot.RulesInForce(day);
        var interventions = snapshot.ListInForce(day, Access.Unspecified).ToList();
        if (rules is null && interventions.Count == 0)
        {
            throw Problems.NotFound("Katalogen den dagen");
        }

        var code = snapshot.MunicipalityCode;
        var name = rules?.MunicipalityDisplayName ?? snapshot.Rules.LastOrDefault()?.MunicipalityDisplayName ?? "Kommun " + code;
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var header = $"{name}: insatserna och reglerna i kraft {dayText}, ur katalogens revision {snapshot.Revision}.\n" +
            "Varje version har sina egna giltighetsdagar och sitt nämndbeslut. Ändra det som ska ändras, granska filen\n" +
            "i arbetsbänken och importera den: det som är oförändrat förblir oförändrat.";
        return new ExportCatalogResponse
        {
            Content = CatalogFileWriter.Write(code, name, rules, interventions, header),
            Revision = snapshot.Revision,
            FileName = $"{code}-katalog-{dayText}.yaml",
        };
    }
}

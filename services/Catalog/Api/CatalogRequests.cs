using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;

namespace Socialtjanst.Catalog.Api;

/// <summary>The shape of the Catalog's requests and the names in them, every offending field named.</summary>
public static class CatalogRequests
{
    /// <summary>The id of municipalities/{kommunkod}/interventions/{id} under the caller's kommun.</summary>
    public static string InterventionId(Caller caller, string? name, string field = "name") =>
        ResourceNames.ClaimChild(caller, name, field, "interventions", InterventionRules.IdPattern());

    public static void Check(CreateInterventionRequest request) => new FieldChecks()
        .When(!InterventionRules.IdPattern().IsMatch(request.InterventionId), "intervention_id", "2–63 tecken: gemener, siffror och bindestreck, börjar med en bokstav.")
        .RequestId(request.RequestId)
        .Required(request.Intervention, "intervention")
        .ThrowIfAny();

    /// <summary>The id of the insats to update and the fields to update (the whole updatable set without a mask).</summary>
    public static (string Id, List<string> Paths) Check(Caller caller, UpdateInterventionRequest request)
    {
        if (request.Intervention is null)
        {
            throw Problems.InvalidArgument("intervention", "Fältet krävs.");
        }

        var id = InterventionId(caller, request.Intervention.Name, "intervention.name");
        if (string.IsNullOrEmpty(request.Intervention.Etag))
        {
            throw Problems.InvalidArgument("intervention.etag", "Etag krävs vid uppdatering.");
        }

        var paths = request.UpdateMask?.Paths.ToList() ?? [.. CatalogWriter.UpdatableFields];
        // Unknown paths are named by their place in the mask, never repeated: a path is caller text.
        var checks = new FieldChecks().When(paths.Count == 0, "update_mask", "Ange minst ett fält.");
        foreach (var (path, i) in paths.Select((p, i) => (p, i)).Where(x => !CatalogWriter.UpdatableFields.Contains(x.p)).Take(20))
        {
            checks.Add($"update_mask.paths[{i}]", $"Fältet kan inte uppdateras; uppdaterbara fält: {string.Join(", ", CatalogWriter.UpdatableFields)}.");
        }

        checks.ThrowIfAny();
        return (id, paths);
    }

    /// <summary>A catalog file for import or validation: not empty, and an optional request_id that is a UUID.</summary>
    /// <summary>The caller's kommun, once the parent is checked to be it.</summary>
    public static string Parent(Caller caller, string parent)
    {
        MunicipalityCodes.ClaimParent(caller, parent);
        return caller.MunicipalityCode;
    }

    /// <summary>The kommun a revert is for; the revision itself is checked against the catalog.</summary>
    public static string Check(Caller caller, RevertCatalogRequest request)
    {
        var code = Parent(caller, request.Parent);
        new FieldChecks().RequestId(request.RequestId, optional: true).ThrowIfAny();
        return code;
    }

    public static void CheckFile(string content, string requestId = "") => new FieldChecks()
        .RequestId(requestId, optional: true)
        .When(string.IsNullOrWhiteSpace(content), "content", "Filen är tom.")
        .ThrowIfAny();

    /// <summary>
    /// The kommun a watch is for: any kommun for the platform identity with catalog.replicate (the suite's
    /// own services), else the caller's own with catalog.read.
    /// </summary>
    public static string WatchedMunicipality(Caller caller, WatchCatalogRequest request, AuthOptions platform)
    {
        string code;
        if (caller.Has(CatalogApi.ReplicateScope) && caller.MunicipalityCode == platform.PlatformMunicipality)
        {
            code = MunicipalityCodes.ParseParentAcrossTenants(request.Parent);
        }
        else
        {
            caller.Require(CatalogApi.ReadScope);
            MunicipalityCodes.ClaimParent(caller, request.Parent);
            code = caller.MunicipalityCode;
        }

        if (request.SinceRevision < 0)
        {
            throw Problems.InvalidArgument("since_revision", "Får inte vara negativ.");
        }

        return code;
    }

    /// <summary>Only the platform identity lists kommuner (catalog.replicate alone is not enough).</summary>
    public static void RequirePlatform(Caller caller, AuthOptions platform)
    {
        caller.Require(CatalogApi.ReplicateScope);
        if (caller.MunicipalityCode != platform.PlatformMunicipality)
        {
            throw Problems.PermissionDenied("catalog.replicate gäller bara plattformens identitet.");
        }
    }
}

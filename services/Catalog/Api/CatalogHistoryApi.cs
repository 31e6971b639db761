using System.Globalization;
using Grpc.Core;
using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Requests;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Catalog.Api;

/// <summary>The gRPC face of the catalog's history: checks the caller and the request's shape, maps messages.</summary>
public sealed class CatalogHistoryApi(CatalogHistory history, PageTokens pages) : CatalogHistoryService.CatalogHistoryServiceBase
{
    public override async Task<ListInterventionRevisionsResponse> ListInterventionRevisions(ListInterventionRevisionsRequest request, ServerCallContext context)
    {
        var caller = context.Require(CatalogApi.ReadScope);
        var id = CatalogRequests.InterventionId(caller, request.Name);
        var paging = pages.Open(request.PageToken, request.PageSize, caller.MunicipalityCode, PageTokens.Query(id), 2, 50, 200);
        var after = paging.After is [var revision, var versionId] ? (long.Parse(revision, CultureInfo.InvariantCulture), versionId) : ((long, string)?)null;
        var (page, next) = await history.RevisionsAsync(caller.MunicipalityCode, id, after, paging.Size, context.CancellationToken);
        return new ListInterventionRevisionsResponse
        {
            Revisions = { page },
            NextPageToken = paging.NextToken(next is { } n ? [n.Revision.ToString(CultureInfo.InvariantCulture), n.VersionId] : null),
        };
    }

    public override async Task<ListCatalogRevisionsResponse> ListCatalogRevisions(ListCatalogRevisionsRequest request, ServerCallContext context)
    {
        var caller = context.Require(CatalogApi.ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var paging = pages.Open(request.PageToken, request.PageSize, caller.MunicipalityCode, PageTokens.Query("catalog-revisions"), 1, 50, 200);
        var before = paging.After is [var revision] ? long.Parse(revision, CultureInfo.InvariantCulture) : (long?)null;
        var (page, next) = await history.WritesAsync(caller.MunicipalityCode, before, paging.Size, context.CancellationToken);
        return new ListCatalogRevisionsResponse { Revisions = { page }, NextPageToken = paging.NextToken(next is { } n ? [n.ToString(CultureInfo.InvariantCulture)] : null) };
    }

    public override async Task<DiffCatalogResponse> DiffCatalog(DiffCatalogRequest request, ServerCallContext context)
    {
        var caller = context.Require(CatalogApi.ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var byRevision = request.FromRevision != 0 || request.ToRevision != 0;
        var byDate = request.FromDate is not null || request.ToDate is not null;
        new FieldChecks()
            .When(byRevision && byDate, "from_date", "Jämför antingen två revisioner eller två dagar, inte båda.")
            .When(!byRevision && !byDate, "from_revision", "Ange två revisioner eller två dagar.")
            .When(byDate && request.FromDate is null, "from_date", "Fältet krävs med to_date.")
            .When(byDate && request.ToDate is null, "to_date", "Fältet krävs med from_date.")
            .ThrowIfAny();
        return byRevision
            ? await history.BetweenRevisionsAsync(caller.MunicipalityCode, request.FromRevision, request.ToRevision, context.CancellationToken)
            : await history.BetweenDaysAsync(caller.MunicipalityCode, request.FromDate.ToDateOnly("from_date")!.Value, request.ToDate.ToDateOnly("to_date")!.Value, context.CancellationToken);
    }
}

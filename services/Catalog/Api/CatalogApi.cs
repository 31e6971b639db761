using Grpc.Core;
using Socialtjanst.Audit;
using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Errors;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Lifecycle;
using Socialtjanst.Hosting.Requests;
using Socialtjanst.Type.V1;

namespace Socialtjanst.Catalog.Api;

/// <summary>The gRPC face of the Catalog: checks the caller and the request's shape, maps messages.</summary>
public sealed class CatalogApi(CatalogCache cache, CatalogWriter writer, CatalogFeed feed, TimeProvider clock, GracefulShutdown shutdown, AuthOptions platform, PageTokens pages)
    : CatalogService.CatalogServiceBase
{
    public const string ReadScope = "catalog.read";
    public const string WriteScope = "catalog.write";

    /// <summary>The suite's own services: may list kommuner and watch any kommun's catalog.</summary>
    public const string ReplicateScope = "catalog.replicate";

    public override async Task<GetInterventionResponse> GetIntervention(GetInterventionRequest request, ServerCallContext context)
    {
        var caller = context.Require(ReadScope);
        CatalogRequests.InterventionId(caller, request.Name);
        var snapshot = await cache.AtLeastAsync(caller.MunicipalityCode, request.MinRevision, "min_revision", context.CancellationToken);
        var iv = snapshot.InForce(request.Name, AsOf(request.AsOf)) ?? throw Problems.NotFound("Insatsen den dagen");
        return new GetInterventionResponse { Intervention = iv, Revision = snapshot.Revision };
    }

    public override async Task<ListInterventionsResponse> ListInterventions(ListInterventionsRequest request, ServerCallContext context)
    {
        var caller = context.Require(ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var day = AsOf(request.AsOf);
        new FieldChecks().Known(request.Access, "access").ThrowIfAny();
        var paging = pages.Open(request.PageToken, request.PageSize, caller.MunicipalityCode, PageTokens.Query(day, (int)request.Access), 1, 50, 200);
        var after = paging.After?[0];
        var snapshot = await cache.AtLeastAsync(caller.MunicipalityCode, request.MinRevision, "min_revision", context.CancellationToken);
        var page = snapshot.ListInForce(day, request.Access).Where(v => after is null || string.CompareOrdinal(v.Name, after) > 0).Take(paging.Size + 1).ToList();
        return new ListInterventionsResponse
        {
            Revision = snapshot.Revision,
            Interventions = { page.Take(paging.Size) },
            NextPageToken = paging.NextToken(page.Count > paging.Size ? [page[paging.Size - 1].Name] : null),
        };
    }

    public override async Task<CreateInterventionResponse> CreateIntervention(CreateInterventionRequest request, ServerCallContext context)
    {
        var caller = context.Require(WriteScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        CatalogRequests.Check(request);
        return new CreateInterventionResponse { Intervention = context.Audited(await writer.CreateAsync(caller.MunicipalityCode, request.InterventionId, request.Intervention, request.RequestId, context.WriteJournal(), context.CancellationToken)) };
    }

    public override async Task<UpdateInterventionResponse> UpdateIntervention(UpdateInterventionRequest request, ServerCallContext context)
    {
        var caller = context.Require(WriteScope);
        var (id, paths) = CatalogRequests.Check(caller, request);
        return new UpdateInterventionResponse { Intervention = context.Audited(await writer.UpdateAsync(caller.MunicipalityCode, id, request.Intervention, paths, context.WriteJournal(), context.CancellationToken)) };
    }

    public override async Task<RetireInterventionResponse> RetireIntervention(RetireInterventionRequest request, ServerCallContext context)
    {
        var caller = context.Require(WriteScope);
        var id = CatalogRequests.InterventionId(caller, request.Name);
        var lastDay = Periods.Required(request.LastDay, "last_day");
        return new RetireInterventionResponse { Intervention = context.Audited(await writer.RetireAsync(caller.MunicipalityCode, id, lastDay, request.Etag, context.WriteJournal(), context.CancellationToken)) };
    }

    public override async Task<ImportCatalogResponse> ImportCatalog(ImportCatalogRequest request, ServerCallContext context)
    {
        var caller = context.Require(WriteScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        CatalogRequests.CheckFile(request.Content, request.RequestId);
        var report = await writer.ImportAsync(caller.MunicipalityCode, request.Content, request.RequestId, context.WriteJournal(), context.CancellationToken);
        return new ImportCatalogResponse { Report = context.Audited(request.Parent, report) };
    }

    public override async Task<ValidateCatalogResponse> ValidateCatalog(ValidateCatalogRequest request, ServerCallContext context)
    {
        var caller = context.Require(WriteScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        CatalogRequests.CheckFile(request.Content);
        var (report, draft) = await writer.ValidateAsync(caller.MunicipalityCode, request.Content, context.CancellationToken);
        return new ValidateCatalogResponse { Report = report, Draft = { draft } };
    }

    public override async Task<ExportCatalogResponse> ExportCatalog(ExportCatalogRequest request, ServerCallContext context) =>
        CatalogExport.Of(await cache.GetAsync(CatalogRequests.Parent(context.Require(ReadScope), request.Parent), context.CancellationToken), AsOf(request.AsOf));

    public override async Task<RevertCatalogResponse> RevertCatalog(RevertCatalogRequest request, ServerCallContext context) =>
        await writer.RevertAsync(CatalogRequests.Check(context.Require(WriteScope), request), request.Revision, request.RequestId, context.WriteJournal(), context.CancellationToken);

    public override async Task<GetMunicipalityRulesResponse> GetMunicipalityRules(GetMunicipalityRulesRequest request, ServerCallContext context)
    {
        var caller = context.Require(ReadScope);
        ResourceNames.ClaimSingleton(caller, request.Name, "name", "rules");
        var snapshot = await cache.AtLeastAsync(caller.MunicipalityCode, request.MinRevision, "min_revision", context.CancellationToken);
        var rules = snapshot.RulesInForce(AsOf(request.AsOf)) ?? throw Problems.NotFound("Kommunens regler den dagen");
        return new GetMunicipalityRulesResponse { Rules = rules, Revision = snapshot.Revision };
    }

    public override async Task WatchCatalog(WatchCatalogRequest request, IServerStreamWriter<WatchCatalogResponse> responseStream, ServerCallContext context)
    {
        var code = CatalogRequests.WatchedMunicipality(context.GetCaller(), request, platform);

        // Headers at once: the caller knows the stream is established before any change arrives.
        await context.WriteResponseHeadersAsync([]);

        // A stream ends when the caller leaves or, on shutdown, when the drain delay is over: the
        // caller then resumes from its last revision on another instance.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, shutdown.Drained);
        try
        {
            await foreach (var change in feed.WatchAsync(code, request.SinceRevision, ending.Token))
            {
                await responseStream.WriteAsync(change, ending.Token);
            }
        }
        catch (OperationCanceledException) when (shutdown.Drained.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
        }
    }

    public override async Task<ListMunicipalitiesResponse> ListMunicipalities(ListMunicipalitiesRequest request, ServerCallContext context)
    {
        CatalogRequests.RequirePlatform(context.GetCaller(), platform);
        var revisions = await cache.StoredRevisionsAsync(context.CancellationToken);
        return new ListMunicipalitiesResponse
        {
            Municipalities = { revisions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new MunicipalityCatalog { Name = CatalogNames.Municipality(r.Key), Revision = r.Value }) },
        };
    }

    private DateOnly AsOf(Type.V1.Date? asOf) => asOf.ToDateOnly("as_of") ?? CivilDates.Today(clock);
}

using Google.Protobuf;
using Grpc.Core;
using Socialtjanst.Catalog.Application;
using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Storage;
using Socialtjanst.Catalog.V1;
using Socialtjanst.Hosting;
using Socialtjanst.Hosting.Auth;
using Socialtjanst.Hosting.Lifecycle;

namespace Socialtjanst.Catalog.Api;

/// <summary>The gRPC face of the Catalog: checks the caller and the request's shape, maps messages.</summary>
public sealed class CatalogApi(CatalogCache cache, CatalogWriter writer, CatalogFeed feed, CatalogStore store, TimeProvider clock, GracefulShutdown shutdown, AuthOptions platform)
    : CatalogService.CatalogServiceBase
{
    public const string ReadScope = "catalog.read";
    public const string WriteScope = "catalog.write";

    /// <summary>The suite's own services: may list kommuner and watch any kommun's catalog.</summary>
    public const string ReplicateScope = "catalog.replicate";

    public override async Task<GetInterventionResponse> GetIntervention(GetInterventionRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, ReadScope);
        CatalogNames.ClaimIntervention(caller, request.Name);
        var day = AsOf(request.AsOf);
        var snapshot = await cache.GetAsync(caller.MunicipalityCode, context.CancellationToken);
        var iv = snapshot.InForce(request.Name, day) ?? throw Problems.NotFound("Insatsen den dagen");
        return new GetInterventionResponse { Intervention = iv };
    }

    public override async Task<ListInterventionsResponse> ListInterventions(ListInterventionsRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, ReadScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var day = AsOf(request.AsOf);
        if (!Enum.IsDefined(request.Access))
        {
            throw Problems.InvalidArgument("access", "Okänt värde.");
        }

        var size = request.PageSize switch
        {
            < 0 => throw Problems.InvalidArgument("page_size", "Får inte vara negativ."),
            0 => 50,
            > 200 => 200,
            _ => request.PageSize,
        };
        var after = PageToken.Read(request.PageToken, day, request.Access);
        var snapshot = await cache.GetAsync(caller.MunicipalityCode, context.CancellationToken);
        var page = snapshot.ListInForce(day, request.Access)
            .Where(v => after is null || string.CompareOrdinal(v.Name, after) > 0)
            .Take(size + 1)
            .ToList();
        var response = new ListInterventionsResponse { Revision = snapshot.Revision };
        response.Interventions.AddRange(page.Take(size));
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Write(day, request.Access, page[size - 1].Name);
        }

        return response;
    }

    public override async Task<CreateInterventionResponse> CreateIntervention(CreateInterventionRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, WriteScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        var problems = new List<FieldProblem>();
        if (!InterventionRules.IdPattern().IsMatch(request.InterventionId))
        {
            problems.Add(new FieldProblem("intervention_id", "2–63 tecken: gemener, siffror och bindestreck, börjar med en bokstav."));
        }

        if (!Guid.TryParse(request.RequestId, out _))
        {
            problems.Add(new FieldProblem("request_id", "Ett UUID krävs."));
        }

        if (request.Intervention is null)
        {
            problems.Add(new FieldProblem("intervention", "Fältet krävs."));
        }

        if (problems.Count > 0)
        {
            throw Problems.InvalidArgument(problems);
        }

        var created = await writer.CreateAsync(caller.MunicipalityCode, request.InterventionId, request.Intervention!, request.RequestId, context.CancellationToken);
        return new CreateInterventionResponse { Intervention = created };
    }

    public override async Task<UpdateInterventionResponse> UpdateIntervention(UpdateInterventionRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, WriteScope);
        if (request.Intervention is null)
        {
            throw Problems.InvalidArgument("intervention", "Fältet krävs.");
        }

        var id = CatalogNames.ClaimIntervention(caller, request.Intervention.Name, "intervention.name");
        if (string.IsNullOrEmpty(request.Intervention.Etag))
        {
            throw Problems.InvalidArgument("intervention.etag", "Etag krävs vid uppdatering.");
        }

        var paths = request.UpdateMask?.Paths.ToList() ?? [.. CatalogWriter.UpdatableFields];
        // Unknown paths are named by their place in the mask, never repeated: a path is caller text.
        var unknown = paths.Select((p, i) => (p, i)).Where(x => !CatalogWriter.UpdatableFields.Contains(x.p)).ToList();
        if (paths.Count == 0 || unknown.Count > 0)
        {
            throw unknown.Count > 0
                ? Problems.InvalidArgument(unknown.Take(20).Select(x => new FieldProblem($"update_mask.paths[{x.i}]",
                    $"Fältet kan inte uppdateras; uppdaterbara fält: {string.Join(", ", CatalogWriter.UpdatableFields)}.")).ToList())
                : Problems.InvalidArgument("update_mask", "Ange minst ett fält.");
        }

        var updated = await writer.UpdateAsync(caller.MunicipalityCode, id, request.Intervention, paths, context.CancellationToken);
        return new UpdateInterventionResponse { Intervention = updated };
    }

    public override async Task<RetireInterventionResponse> RetireIntervention(RetireInterventionRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, WriteScope);
        var id = CatalogNames.ClaimIntervention(caller, request.Name);
        var lastDay = request.LastDay.ToDateOnly("last_day") ?? throw Problems.InvalidArgument("last_day", "Fältet krävs.");
        var retired = await writer.RetireAsync(caller.MunicipalityCode, id, lastDay, request.Etag, context.CancellationToken);
        return new RetireInterventionResponse { Intervention = retired };
    }

    public override async Task<ImportCatalogResponse> ImportCatalog(ImportCatalogRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, WriteScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        if (request.RequestId.Length > 0 && !Guid.TryParse(request.RequestId, out _))
        {
            throw Problems.InvalidArgument("request_id", "Ett UUID krävs.");
        }

        RequireContent(request.Content);
        var report = await writer.ImportAsync(caller.MunicipalityCode, request.Content, request.RequestId, context.CancellationToken);
        return new ImportCatalogResponse { Report = report };
    }

    public override async Task<ValidateCatalogResponse> ValidateCatalog(ValidateCatalogRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, WriteScope);
        MunicipalityCodes.ClaimParent(caller, request.Parent);
        RequireContent(request.Content);
        return new ValidateCatalogResponse { Report = await writer.ValidateAsync(caller.MunicipalityCode, request.Content, context.CancellationToken) };
    }

    public override async Task<GetMunicipalityRulesResponse> GetMunicipalityRules(GetMunicipalityRulesRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, ReadScope);
        CatalogNames.ClaimRules(caller, request.Name);
        var day = AsOf(request.AsOf);
        var snapshot = await cache.GetAsync(caller.MunicipalityCode, context.CancellationToken);
        var rules = snapshot.RulesInForce(day) ?? throw Problems.NotFound("Kommunens regler den dagen");
        return new GetMunicipalityRulesResponse { Rules = rules };
    }

    public override async Task WatchCatalog(WatchCatalogRequest request, IServerStreamWriter<WatchCatalogResponse> responseStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        string code;
        if (caller.Has(ReplicateScope) && caller.MunicipalityCode == platform.PlatformMunicipality)
        {
            code = MunicipalityCodes.ParseParentAcrossTenants(request.Parent);
        }
        else
        {
            caller.Require(ReadScope);
            MunicipalityCodes.ClaimParent(caller, request.Parent);
            code = caller.MunicipalityCode;
        }

        if (request.SinceRevision < 0)
        {
            throw Problems.InvalidArgument("since_revision", "Får inte vara negativ.");
        }

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
        var caller = Authorize(context, ReplicateScope);
        if (caller.MunicipalityCode != platform.PlatformMunicipality)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "catalog.replicate gäller bara plattformens identitet."));
        }

        var response = new ListMunicipalitiesResponse();
        foreach (var (code, revision) in (await store.RevisionsAsync(context.CancellationToken)).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            response.Municipalities.Add(new MunicipalityCatalog { Name = CatalogNames.Municipality(code), Revision = revision });
        }

        return response;
    }

    private static Caller Authorize(ServerCallContext context, string scope)
    {
        var caller = context.GetCaller();
        caller.Require(scope);
        return caller;
    }

    private DateOnly AsOf(Type.V1.Date? asOf) => asOf.ToDateOnly("as_of") ?? CivilDates.Today(clock);

    private static void RequireContent(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            throw Problems.InvalidArgument("content", "Filen är tom.");
        }
    }

    /// <summary>Opaque page tokens bound to the query they came from (AIP-158).</summary>
    private static class PageToken
    {
        public static string Write(DateOnly day, Access access, string lastName) =>
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{day.ToIso()}|{(int)access}|{lastName}"));

        public static string? Read(string token, DateOnly day, Access access)
        {
            if (token.Length == 0)
            {
                return null;
            }

            try
            {
                var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 3);
                if (parts.Length == 3 && parts[0] == day.ToIso() && parts[1] == ((int)access).ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return parts[2];
                }
            }
            catch (FormatException)
            {
            }

            throw Problems.InvalidArgument("page_token", "Sidtoken hör inte till den här frågan.");
        }
    }
}

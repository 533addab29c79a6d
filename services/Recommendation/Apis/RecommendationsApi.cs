using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Contracts;
using Platform.Recommendation.Infrastructure;
using Platform.Recommendation.Model;
using Platform.ServiceDefaults.Downstream;
using Platform.ServiceDefaults.Flags;

namespace Platform.Recommendation.Apis;

/// <summary>What the handler needs, bundled for <c>[AsParameters]</c>.</summary>
public sealed record RecommendationServices(
    [FromServices] ProductCache Cache,
    [FromServices] IFeatureFlags Flags,
    [FromServices] ILogger<RecommendationServices> Logger);

/// <summary><c>/api/recommendations</c>: products related to the ones viewed. See the service README.</summary>
public static class RecommendationsApi
{
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/recommendations").WithTags("Recommendations");
        api.MapGet("", GetRecommendations).WithName(nameof(GetRecommendations)).WithSummary("Up to five catalogue products related to the viewed ones (same categories first), never a viewed one.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<Product>>, ValidationProblem, ProblemHttpResult>> GetRecommendations(
        [FromQuery] string? productIds, [AsParameters] RecommendationServices services, CancellationToken cancellationToken)
    {
        var ids = ProductIdsQuery.Parse(productIds, out var error);
        if (ids is null)
        {
            Log.RecommendationsRejected(services.Logger, error!);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ProductIdsQuery.Field] = [error!] },
                title: "The recommendation request is invalid");
        }

        var activity = Activity.Current;
        activity?.SetTag("app.recommendation.product_ids", string.Join(',', ids));
        IReadOnlyList<Product> catalogue;
        try
        {
            catalogue = await services.Cache.GetCatalogueAsync(cancellationToken);
        }
        catch (DownstreamException ex)
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Log.CatalogueUnavailable(services.Logger, ex.Detail, ex);
            return TypedResults.Problem(ex.ToProblemDetails(detail: "No recommendations: the catalogue could not be read."));
        }

        var leaking = await services.Flags.GetBooleanAsync(FlagKeys.RecommendationCacheFailure, false, cancellationToken: cancellationToken);
        services.Cache.ApplyLeak(leaking, catalogue);
        var recommended = services.Cache.Recommend(catalogue, ids);
        var size = services.Cache.Size;
        activity?.SetTag("app.recommendation.cache_failure", leaking);
        activity?.SetTag("app.recommendation.cache.size", size);
        activity?.SetTag("app.recommendation.count", recommended.Count);
        if (leaking) Log.CacheLeaking(services.Logger, size);
        Log.Recommended(services.Logger, recommended.Count, string.Join(',', ids));
        return TypedResults.Ok(recommended);
    }
}

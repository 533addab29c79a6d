using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.Ad.Infrastructure;
using Platform.Ad.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Flags;

namespace Platform.Ad.Apis;

/// <summary>What the handler needs, bundled for <c>[AsParameters]</c>.</summary>
public sealed record AdServices(
    [FromServices] AdTable Table,
    [FromServices] GcPressure Gc,
    [FromServices] CpuBurner Cpu,
    [FromServices] AdTelemetry Telemetry,
    [FromServices] IFeatureFlags Flags,
    [FromServices] IOptions<AdOptions> Options,
    [FromServices] ILogger<AdServices> Logger);

/// <summary><c>/api/ads</c>: contextual ads by category, random ones when nothing matches. See the service README.</summary>
public static class AdsApi
{
    /// <summary><c>adFailure</c> fails one request in this many.</summary>
    public const int FailureOneIn = 10;

    public static IEndpointRouteBuilder MapAdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ads").WithTags("Ads");
        api.MapGet("", GetAds).WithName(nameof(GetAds)).WithSummary("Ads for the page's context keys (categories); random ads when none matches.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<Model.Ad>>, ValidationProblem, ProblemHttpResult>> GetAds(
        [FromQuery] string? contextKeys, [AsParameters] AdServices services, CancellationToken cancellationToken)
    {
        var keys = ContextKeysQuery.Parse(contextKeys, out var error);
        if (keys is null)
        {
            Log.AdsRejected(services.Logger, error!);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ContextKeysQuery.Field] = [error!] },
                title: "The ad request is invalid");
        }

        var activity = Activity.Current;
        var keyList = string.Join(',', keys);
        activity?.SetTag("app.ads.contextKeys", keyList);
        activity?.SetTag("app.ads.contextKeys.count", keys.Count);
        activity?.SetTag("app.ads.high_cpu", services.Cpu.Burning);

        if (await services.Flags.GetBooleanAsync(FlagKeys.AdManualGc, false, cancellationToken: cancellationToken))
        {
            var elapsed = await services.Gc.ApplyAsync(cancellationToken);
            var o = services.Options.Value;
            activity?.SetTag("app.ads.manual_gc.collections", o.ManualGcCollections);
            activity?.SetTag("app.ads.manual_gc.duration_ms", (long)elapsed.TotalMilliseconds);
            Log.ManualGc(services.Logger, o.ManualGcCollections, o.ManualGcPressureBytes, (long)elapsed.TotalMilliseconds);
        }

        if (await services.Flags.GetBooleanAsync(FlagKeys.AdFailure, false, cancellationToken: cancellationToken)
            && Random.Shared.Next(FailureOneIn) == 0)
        {
            var failure = new InvalidOperationException("adFailure: this ad request fails on purpose (one in ten while the flag is on).");
            activity?.AddException(failure);
            activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
            services.Telemetry.Failed();
            Log.AdFailure(services.Logger, keyList, failure);
            return TypedResults.Problem(detail: failure.Message, statusCode: StatusCodes.Status500InternalServerError, title: "Ad failure");
        }

        var ads = services.Table.Select(keys, services.Options.Value.MaxAds, Random.Shared, out var targeted);
        var responseType = targeted ? "targeted" : "random";
        activity?.SetTag("app.ads.count", ads.Count);
        activity?.SetTag("app.ads.ad_response_type", responseType);
        Log.AdsServed(services.Logger, ads.Count, responseType, keyList);
        return TypedResults.Ok(ads);
    }
}

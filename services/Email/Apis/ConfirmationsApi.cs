using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Contracts;
using Platform.Email.Infrastructure;
using Platform.Email.Model;
using Platform.ServiceDefaults.Flags;

namespace Platform.Email.Apis;

/// <summary>What the handler needs, bundled for <c>[AsParameters]</c>.</summary>
public sealed record ConfirmationServices(
    [FromServices] ConfirmationRenderer Renderer,
    [FromServices] ConfirmationLeak Leak,
    [FromServices] IFeatureFlags Flags,
    [FromServices] ILogger<ConfirmationServices> Logger);

/// <summary><c>/api/confirmations</c>: renders an order confirmation and returns it (nothing is sent). See the service README.</summary>
public static class ConfirmationsApi
{
    public static IEndpointRouteBuilder MapConfirmationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/confirmations").WithTags("Confirmations");
        api.MapPost("", SendConfirmation).WithName(nameof(SendConfirmation)).WithSummary("Renders the order confirmation as HTML and returns it; nothing is sent.");
        return app;
    }

    public static async Task<Results<Ok<Confirmation>, ValidationProblem>> SendConfirmation(
        ConfirmationRequest? request, [AsParameters] ConfirmationServices services, CancellationToken cancellationToken)
    {
        var errors = ConfirmationValidator.Validate(request);
        if (errors.Count > 0)
        {
            Log.ConfirmationRejected(services.Logger, string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors, title: "The confirmation request is invalid");
        }

        var confirmation = services.Renderer.Render(request!);
        var factor = await services.Flags.GetIntegerAsync(FlagKeys.EmailMemoryLeak, 0, new FlagContext(request!.OrderId), cancellationToken);
        services.Leak.Apply(confirmation.Html, factor);
        var activity = Activity.Current;
        activity?.SetTag("app.order.id", request.OrderId);
        activity?.SetTag("app.email.memory_leak.factor", factor);
        if (factor > 0) Log.MemoryLeaking(services.Logger, factor, services.Leak.RetainedBytes);
        Log.ConfirmationRendered(services.Logger, request.OrderId!, confirmation.Html.Length);
        return TypedResults.Ok(confirmation);
    }
}

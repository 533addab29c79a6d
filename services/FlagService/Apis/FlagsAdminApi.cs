using System.Text.Json;
using FlagService.Infrastructure;
using FlagService.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagService.Apis;

/// <summary>A flag as the admin API shows it.</summary>
public sealed record FlagView(string Key, string State, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> Variants, string? DefaultVariant, bool HasTargeting)
{
    public static FlagView From(FlagDefinition flag) => new(
        flag.Key,
        flag.State == FlagState.Enabled ? "ENABLED" : "DISABLED",
        flag.Variants.ToDictionary(v => v.Key, v => v.Value?.DeepClone()),
        flag.DefaultVariant,
        flag.HasTargeting);
}

/// <summary>What the change handlers of the admin API and the page need.</summary>
public sealed record FlagAdminServices(FlagFileStore Store, AuditLog Audit, AdminAuthorization Authorization, ILogger<FlagFileStore> Logger);

/// <summary>Body of <c>PUT /api/flags/{key}</c>.</summary>
public sealed record SetDefaultVariantRequest(string? DefaultVariant);

/// <summary>
/// Operators' API: <c>GET /api/flags</c>, <c>GET /api/flags/audit</c>, and <c>PUT /api/flags/{key}</c>
/// <c>{"defaultVariant": "50%"}</c> with <c>Authorization: Bearer &lt;Flags:AdminToken&gt;</c>.
/// </summary>
public static class FlagsAdminApi
{
    public static IEndpointRouteBuilder MapFlagsAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/flags").WithTags("Flags");
        api.MapGet("/", ListFlags).WithName("ListFlags").WithSummary("Every flag with its variants and current default variant");
        api.MapGet("/audit", ListAudit).WithName("ListFlagAudit").WithSummary("Recent flag changes, newest first");
        api.MapPut("/{key}", SetDefaultVariant).WithName("SetFlagDefaultVariant").WithSummary("Switches a flag's default variant (admin token required)");
        return app;
    }

    public static Ok<List<FlagView>> ListFlags(FlagFileStore store) =>
        TypedResults.Ok(store.Current.Flags.Values.Select(FlagView.From).ToList());

    public static Ok<IReadOnlyList<AuditEntry>> ListAudit(AuditLog audit, int? limit) =>
        TypedResults.Ok(audit.Recent(Math.Clamp(limit ?? 100, 1, 1000)));

    public static async Task<Results<Ok<FlagView>, ProblemHttpResult, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>, ValidationProblem>> SetDefaultVariant(
        string key, HttpContext context, [AsParameters] FlagAdminServices services)
    {
        // The token is checked before the body is read, so a caller without it learns nothing but 401.
        switch (services.Authorization.CheckBearer(context.Request))
        {
            case AdminCheck.NotConfigured:
                return TypedResults.Problem(
                    title: "Changing flags is disabled",
                    detail: "Flags:AdminToken is not configured on FlagService, so no flag can be changed over HTTP. Set it (e.g. Flags__AdminToken) and restart.",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            case AdminCheck.Denied:
                Log.AdminUnauthorized(services.Logger, key, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return TypedResults.Problem(
                    title: "Unauthorized",
                    detail: "Send the admin token as 'Authorization: Bearer <Flags:AdminToken>'.",
                    statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["Content-Type"] = ["The body must be JSON (application/json)."],
            })
            {
                Title = "The request's content type is not supported.",
                Status = StatusCodes.Status415UnsupportedMediaType,
            });
        }

        SetDefaultVariantRequest? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<SetDefaultVariantRequest>(context.RequestAborted);
        }
        catch (JsonException e)
        {
            var (field, message) = JsonErrors.Describe(e);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
        }

        if (string.IsNullOrWhiteSpace(body?.DefaultVariant))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["defaultVariant"] = ["defaultVariant is required."] });
        }

        var outcome = await ChangeAsync(services.Store, key, body.DefaultVariant, AdminAuthorization.Who(context), "api", context.RequestAborted);
        return outcome switch
        {
            { Status: ChangeStatus.FlagNotFound } => TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Title = "Flag not found",
                Detail = $"There is no flag '{key}'.",
                Status = StatusCodes.Status404NotFound,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { ["key"] = [$"There is no flag '{key}'."] } },
            }),
            { Status: ChangeStatus.UnknownVariant, Flag: { } flag } => TypedResults.ValidationProblem(UnknownVariantErrors(flag, body.DefaultVariant)),
            { Flag: { } flag } => TypedResults.Ok(FlagView.From(flag)),
            { Error: { } error } => TypedResults.Problem(title: "The flag file cannot be written", detail: error, statusCode: StatusCodes.Status500InternalServerError),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    /// <summary>The validation errors for a variant a flag does not have, naming the valid ones.</summary>
    public static Dictionary<string, string[]> UnknownVariantErrors(FlagDefinition flag, string variant) => new()
    {
        ["defaultVariant"] = [$"'{variant}' is not a variant of flag '{flag.Key}'. Valid variants: {string.Join(", ", flag.Variants.Keys)}."],
    };

    /// <summary>Runs a change, turning a write failure into an error message.</summary>
    public static async Task<ChangeOutcome> ChangeAsync(FlagFileStore store, string key, string variant, string who, string via, CancellationToken cancellationToken)
    {
        try
        {
            var result = await store.SetDefaultVariantAsync(key, variant, who, via, cancellationToken);
            return new ChangeOutcome(result.Status, result.Flag, null);
        }
        catch (IOException e)
        {
            return new ChangeOutcome(null, null, e.Message);
        }
    }
}

/// <summary>A change's status, or the error that stopped it.</summary>
public sealed record ChangeOutcome(ChangeStatus? Status, FlagDefinition? Flag, string? Error);

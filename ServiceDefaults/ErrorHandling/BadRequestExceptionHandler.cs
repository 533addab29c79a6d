using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns a request the endpoint could not bind (malformed JSON, a wrong JSON type, a number out of
/// range, invalid UTF-8, JSON nested too deep, a missing or <c>null</c> body, a wrong content type, a
/// body over the size limit) into a validation problem with the request's own 4xx status and an error
/// keyed by the offending field's JSON path (<c>quantity</c>, <c>card.number</c>, <c>items[0]</c>),
/// <c>body</c> for the body as a whole and <c>Content-Type</c> for the media type. Minimal APIs raise
/// these as <see cref="BadHttpRequestException"/> because <c>AddDefaultProblemDetails</c> sets
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c>; without it they answer an empty 400 that names nothing.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public const string BodyKey = JsonErrors.BodyKey;
    public const string ContentTypeKey = "Content-Type";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (field, message) = Describe(badRequest);
        var status = badRequest.StatusCode is >= 400 and < 500 ? badRequest.StatusCode : StatusCodes.Status400BadRequest;
        httpContext.Response.StatusCode = status;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request's content type is not supported.",
                _ => "One or more validation errors occurred.",
            },
        };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// Names the field of a 413 or 415 the framework answered without an exception (minimal APIs set the
    /// status and let the status-code pages write the problem): <c>body</c> or <c>Content-Type</c>.
    /// </summary>
    internal static void NameTheField(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is HttpValidationProblemDetails || problem.Extensions.ContainsKey("errors"))
        {
            return;
        }

        var errors = problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => new Dictionary<string, string[]>
            {
                [BodyKey] = [context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
                    ? $"The body must not be larger than {limit} bytes."
                    : "The body is too large."],
            },
            StatusCodes.Status415UnsupportedMediaType => new Dictionary<string, string[]>
            {
                [ContentTypeKey] = ["The body must be JSON (application/json)."],
            },
            _ => null,
        };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }
    }

    /// <summary>The field (a JSON path without its <c>$.</c>) and a message that says what is wrong with it.</summary>
    internal static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (FindJsonException(exception) is { } json)
        {
            return JsonErrors.Describe(json);
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (ContentTypeKey, "The body must be JSON (application/json).");
        }

        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (BodyKey, exception.Message);
        }

        // "Failed to bind parameter "int count" from "abc"." names the route or query parameter; the
        // rest (a missing body, an unreadable form) are about the body.
        var parameter = ParameterName().Match(exception.Message);
        return parameter.Success && !exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? (parameter.Groups["name"].Value, exception.Message)
            : (BodyKey, exception.Message);
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}

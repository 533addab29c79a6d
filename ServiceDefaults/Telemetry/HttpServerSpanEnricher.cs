using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Turns ASP.NET Core's "Microsoft.AspNetCore.Hosting.HttpRequestIn" activity into a semantic-convention
/// HTTP server span: named <c>METHOD /route/{template}</c>, tagged with http.request.method, url.*,
/// http.route, http.response.status_code, server.*, user_agent.original and error.type, status Error
/// on 5xx. Without OpenTelemetry.Instrumentation.AspNetCore nothing else does it. It also drops the
/// health probes from traces. It runs outermost (a startup filter), so it sees the final status code
/// even when the exception handler wrote the response.
/// </summary>
internal sealed class HttpServerSpanEnricher(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || activity.OperationName != TelemetryNames.AspNetCoreRequestActivity)
        {
            await next(context);
            return;
        }

        if (IsProbe(context.Request.Path))
        {
            // Probes every few seconds would drown the real traffic. Clearing Recorded makes the export
            // processors skip the span, and the parent-based sampler drops its children (a health
            // check's database call) too.
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            await next(context);
            return;
        }

        if (!activity.IsAllDataRequested)
        {
            await next(context);
            return;
        }

        SetRequestTags(activity, context.Request);
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            // Nothing handled it: the server will answer 500.
            Complete(activity, context, StatusCodes.Status500InternalServerError, exception);
            throw;
        }

        Complete(activity, context, context.Response.StatusCode, context.Features.Get<IExceptionHandlerFeature>()?.Error);
    }

    private static readonly HashSet<string> KnownMethods = new(StringComparer.Ordinal)
    {
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    };

    internal static bool IsProbe(PathString path) =>
        path.Equals(Extensions.HealthEndpointPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Extensions.AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase);

    private static void SetRequestTags(Activity activity, HttpRequest request)
    {
        if (KnownMethods.Contains(request.Method))
        {
            activity.SetTag("http.request.method", request.Method);
        }
        else
        {
            // Semantic conventions: arbitrary verbs would explode cardinality; keep the original aside.
            activity.SetTag("http.request.method", "_OTHER");
            activity.SetTag("http.request.method_original", request.Method);
        }

        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.PathBase.Add(request.Path).Value);
        if (request.QueryString.HasValue)
        {
            activity.SetTag("url.query", request.QueryString.Value?.TrimStart('?'));
        }

        activity.SetTag("server.address", request.Host.Host);
        if (request.Host.Port is { } port)
        {
            activity.SetTag("server.port", port);
        }

        activity.SetTag("network.protocol.version", request.Protocol switch
        {
            "HTTP/1.1" => "1.1",
            "HTTP/2" => "2",
            "HTTP/3" => "3",
            "HTTP/1.0" => "1.0",
            var other => other,
        });
        var userAgent = request.Headers.UserAgent.ToString();
        if (userAgent.Length > 0)
        {
            activity.SetTag("user_agent.original", userAgent);
        }
    }

    private static void Complete(Activity activity, HttpContext context, int statusCode, Exception? exception)
    {
        // The exception handler clears the endpoint before it re-executes; its feature keeps the original.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var route = RouteTemplate(endpoint);
        if (route is not null)
        {
            activity.SetTag("http.route", route);
            activity.DisplayName = $"{SpanMethod(context.Request.Method)} {route}";
        }
        else
        {
            // Semantic conventions: without a route the span is named by the method alone (low cardinality).
            activity.DisplayName = SpanMethod(context.Request.Method);
        }

        activity.SetTag("http.response.status_code", statusCode);
        if (exception is not null)
        {
            activity.AddException(exception);
            activity.SetTag("error.type", exception.GetType().FullName);
        }

        if (statusCode >= 500)
        {
            if (exception is null)
            {
                activity.SetTag("error.type", statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    private static string SpanMethod(string method) => KnownMethods.Contains(method) ? method : "HTTP";

    private static string? RouteTemplate(Endpoint? endpoint)
    {
        var raw = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        // A group's root route ("/api/charges" + "/") is written "/api/charges/": name it as callers write it.
        var route = raw.StartsWith('/') ? raw : "/" + raw;
        return route.Length > 1 ? route.TrimEnd('/') : route;
    }
}

/// <summary>Puts <see cref="HttpServerSpanEnricher"/> in front of the whole pipeline of a web app.</summary>
internal sealed class HttpServerSpanStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<HttpServerSpanEnricher>();
        next(app);
    };
}

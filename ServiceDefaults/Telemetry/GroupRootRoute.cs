using System.Diagnostics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// The root route of a group (<c>MapGroup("/api/charges").MapPost("/")</c>) has the template
/// <c>/api/charges/</c>; callers write <c>POST /api/charges</c>, and so do the Platform's dashboards and
/// whole-system tests. The server span's <c>http.route</c> and name drop that trailing slash.
/// </summary>
internal static class GroupRootRoute
{
    private const string RouteTag = "http.route";

    /// <summary>Runs as the AspNetCore instrumentation's response enricher, after it named the span.</summary>
    public static void Trim(Activity activity)
    {
        if (activity.GetTagItem(RouteTag) is not string { Length: > 1 } route || !route.EndsWith('/'))
        {
            return;
        }

        var trimmed = route.TrimEnd('/');
        activity.SetTag(RouteTag, trimmed);
        if (activity.DisplayName.EndsWith(route, StringComparison.Ordinal))
        {
            activity.DisplayName = activity.DisplayName[..^route.Length] + trimmed;
        }
    }
}

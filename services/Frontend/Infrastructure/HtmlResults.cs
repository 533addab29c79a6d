using System.Text;
using Frontend.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Frontend.Infrastructure;

/// <summary>Results of the storefront pages: an HTML page with a status, or 303 See Other (Post/Redirect/Get).</summary>
public static class HtmlResults
{
    public static ContentHttpResult Page(Html html, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(html.Value, "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    public static SeeOther SeeOther(string location) => new(location);
}

/// <summary>303 See Other: after a form post, the browser GETs <see cref="Location"/>.</summary>
public sealed class SeeOther(string location) : IResult, IStatusCodeHttpResult
{
    public string Location { get; } = location;

    public int? StatusCode => StatusCodes.Status303SeeOther;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }
}

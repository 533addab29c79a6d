using Frontend.Views;
using Microsoft.AspNetCore.Antiforgery;

namespace Frontend.Infrastructure;

/// <summary>
/// Validates the antiforgery token of every storefront form post in one place, and answers a
/// rejected post with a 400 HTML page a shopper can act on (rather than the framework's JSON
/// problem from form binding). The pages group disables the framework's own check for this reason.
/// </summary>
public static class AntiforgeryPageFilter
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return HtmlResults.Page(Layout.ErrorPage(StatusCodes.Status400BadRequest, "Form expired",
                "The form was not accepted (its antiforgery token is missing or invalid). Go back, reload the page and try again."),
                StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }
}

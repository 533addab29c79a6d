namespace Frontend.Infrastructure;

/// <summary>
/// Defence in depth for the storefront pages, beside HTML encoding: a Content-Security-Policy that
/// allows no script at all and only this site's styles, images and form targets, and no MIME sniffing.
/// </summary>
public static class PageSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    }
}

using System.Text;
using System.Text.Encodings.Web;
using FlagService.Infrastructure;
using FlagService.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlagService.Apis;

/// <summary>
/// The operator's page at <c>/</c>: every flag with its variants and current default, and a form per
/// flag to switch it. Plain server-rendered HTML (works without JavaScript); the form posts the admin
/// token in the body (never in a URL) with an antiforgery token.
/// </summary>
public static class FlagsPage
{
    public static IEndpointRouteBuilder MapFlagsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Show).WithName("FlagsPage").WithSummary("The flags page").ExcludeFromDescription();
        app.MapPost("/flags/{key}", Switch).WithName("FlagsPageSwitch").WithSummary("Switches a flag from the page form").ExcludeFromDescription();
        return app;
    }

    public static ContentHttpResult Show(HttpContext context, [AsParameters] FlagAdminServices services, IAntiforgery antiforgery, string? changed) =>
        Render(context, services, antiforgery, StatusCodes.Status200OK,
            changed is not null && services.Store.Current.Flags.TryGetValue(changed, out var flag) ? Message.Ok($"Switched {changed} to {flag.DefaultVariant}.") : null);

    public static async Task<Results<StatusCodeHttpResult, ContentHttpResult>> Switch(
        string key, [FromForm] string? defaultVariant, [FromForm] string? adminToken,
        HttpContext context, [AsParameters] FlagAdminServices services, IAntiforgery antiforgery)
    {
        ContentHttpResult Fail(int status, string text) => Render(context, services, antiforgery, status, Message.Error(text));

        switch (services.Authorization.Check(adminToken))
        {
            case AdminCheck.NotConfigured:
                return Fail(StatusCodes.Status503ServiceUnavailable, "Changing flags is disabled: Flags:AdminToken is not configured on FlagService.");
            case AdminCheck.Denied:
                Log.AdminUnauthorized(services.Logger, key, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return Fail(StatusCodes.Status401Unauthorized, "Wrong or missing admin token.");
        }

        if (string.IsNullOrWhiteSpace(defaultVariant))
        {
            return Fail(StatusCodes.Status400BadRequest, "Choose a variant.");
        }

        var outcome = await FlagsAdminApi.ChangeAsync(services.Store, key, defaultVariant, AdminAuthorization.Who(context), "ui", context.RequestAborted);
        switch (outcome)
        {
            case { Status: ChangeStatus.FlagNotFound }:
                return Fail(StatusCodes.Status404NotFound, $"There is no flag '{key}'.");
            case { Status: ChangeStatus.UnknownVariant, Flag: { } flag }:
                return Fail(StatusCodes.Status400BadRequest, FlagsAdminApi.UnknownVariantErrors(flag, defaultVariant)["defaultVariant"][0]);
            case { Error: { } error }:
                return Fail(StatusCodes.Status500InternalServerError, error);
        }

        // Post/redirect/get: a reload does not post again.
        context.Response.Headers.Location = $"/?changed={Uri.EscapeDataString(key)}";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private sealed record Message(bool IsError, string Text)
    {
        public static Message Ok(string text) => new(false, text);

        public static Message Error(string text) => new(true, text);
    }

    private static ContentHttpResult Render(HttpContext context, FlagAdminServices services, IAntiforgery antiforgery, int status, Message? message)
    {
        var (store, audit, authorization, _) = services;
        var tokens = antiforgery.GetAndStoreTokens(context);
        var h = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FlagService – feature flags</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}
            table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.45rem;text-align:left;vertical-align:middle}
            code{background:#f3f3f3;padding:0 .25rem}.default{font-weight:bold}.disabled{color:#888}
            .message{padding:.6rem;border-radius:.3rem;margin:1rem 0}.ok{background:#e6f4ea}.error{background:#fde7e9}
            form{display:flex;gap:.4rem;flex-wrap:wrap}
            </style>
            </head>
            <body>
            <h1>Feature flags</h1>

            """);
        if (message is not null)
        {
            html.Append($"<p class=\"message {(message.IsError ? "error" : "ok")}\" role=\"{(message.IsError ? "alert" : "status")}\">{h.Encode(message.Text)}</p>\n");
        }

        if (!authorization.IsConfigured)
        {
            html.Append("<p class=\"message error\">Changing flags is disabled: Flags:AdminToken is not configured.</p>\n");
        }

        html.Append($"<p>Flag file: <code>{h.Encode(store.FilePath)}</code>. Edits to the file apply within seconds.</p>\n");
        html.Append("<table>\n<thead><tr><th>Flag</th><th>State</th><th>Variants</th><th>Default</th><th>Targeting</th><th>Switch default</th></tr></thead>\n<tbody>\n");
        foreach (var flag in store.Current.Flags.Values)
        {
            var key = h.Encode(flag.Key);
            html.Append($"<tr id=\"flag-{key}\" class=\"{(flag.State == FlagState.Disabled ? "disabled" : "enabled")}\">");
            html.Append($"<td><code>{key}</code></td><td>{(flag.State == FlagState.Enabled ? "ENABLED" : "DISABLED")}</td><td>");
            html.Append(string.Join(", ", flag.Variants.Select(v => $"{h.Encode(v.Key)} = <code>{h.Encode(v.Value?.ToJsonString() ?? "null")}</code>")));
            html.Append($"</td><td class=\"default\">{h.Encode(flag.DefaultVariant ?? "(none)")}</td><td>{(flag.HasTargeting ? "yes" : "no")}</td><td>");
            html.Append($"<form method=\"post\" action=\"/flags/{h.Encode(Uri.EscapeDataString(flag.Key))}\">");
            html.Append($"<input type=\"hidden\" name=\"{h.Encode(tokens.FormFieldName)}\" value=\"{h.Encode(tokens.RequestToken ?? "")}\">");
            html.Append($"<label>Variant <select name=\"defaultVariant\">");
            foreach (var variant in flag.Variants.Keys)
            {
                html.Append($"<option value=\"{h.Encode(variant)}\"{(variant == flag.DefaultVariant ? " selected" : "")}>{h.Encode(variant)}</option>");
            }

            html.Append("</select></label> <label>Admin token <input type=\"password\" name=\"adminToken\" autocomplete=\"current-password\" required></label> ");
            html.Append("<button type=\"submit\">Switch</button></form></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<h2>Recent changes</h2>\n<ul>\n");
        foreach (var entry in audit.Recent(10))
        {
            html.Append($"<li>{entry.Time:u} <code>{h.Encode(entry.Flag)}</code> {h.Encode(entry.Property)}: {h.Encode(entry.Old ?? "–")} → {h.Encode(entry.New ?? "–")} by {h.Encode(entry.Who)} ({h.Encode(entry.Via)})</li>\n");
        }

        html.Append("</ul>\n</body>\n</html>\n");

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
